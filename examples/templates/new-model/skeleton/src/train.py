"""Training entry point of ${{ values.name }}.

Reads the training datasets named in catalog-info.yaml, trains the model and writes it
with its evaluation metrics. Keep the metric names in step with spec.metrics.
"""
import argparse
import json


def main() -> None:
    parser = argparse.ArgumentParser(description="Train ${{ values.name }}")
    parser.add_argument("--output", default="model-output")
    args = parser.parse_args()
    # Load ${{ values.trainingDatasets | join(", ") }}, fit, evaluate.
    metrics = {}
    with open(f"{args.output}/metrics.json", "w", encoding="utf-8") as handle:
        json.dump(metrics, handle)


if __name__ == "__main__":
    main()
