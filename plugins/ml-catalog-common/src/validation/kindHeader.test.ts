import { checkKnownKindHeader, checkLab2LiveKindHeader } from './kindHeader';

const named = (apiVersion: string | undefined, kind: string) => ({
  apiVersion,
  kind,
  metadata: { name: 'churn-predictor' },
});

describe('checkLab2LiveKindHeader', () => {
  it('accepts the Lab2Live kinds under their apiVersion', () => {
    for (const kind of ['MLModel', 'Dataset', 'SLA']) {
      expect(
        checkLab2LiveKindHeader(named('lab2live.io/v1alpha1', kind)),
      ).toBeUndefined();
    }
  });

  it('names the right apiVersion for a Lab2Live kind under backstage.io', () => {
    expect(
      checkLab2LiveKindHeader(named('backstage.io/v1alpha1', 'MLModel')),
    ).toEqual({
      path: 'apiVersion',
      message:
        'MLModel is a Lab2Live kind: write apiVersion lab2live.io/v1alpha1 (found apiVersion backstage.io/v1alpha1)',
    });
    expect(
      checkLab2LiveKindHeader(named('backstage.io/v1alpha1', 'dataset'))
        ?.message,
    ).toBe(
      'Dataset is a Lab2Live kind: write apiVersion lab2live.io/v1alpha1 and kind Dataset (found apiVersion backstage.io/v1alpha1)',
    );
  });

  it('matches the kind in any case and names its right spelling', () => {
    expect(
      checkLab2LiveKindHeader(named('backstage.io/v1alpha1', 'MlModel'))
        ?.message,
    ).toBe(
      'MLModel is a Lab2Live kind: write apiVersion lab2live.io/v1alpha1 and kind MLModel (found apiVersion backstage.io/v1alpha1)',
    );
    expect(
      checkLab2LiveKindHeader(named('lab2live.io/v1alpha1', 'mlmodel'))
        ?.message,
    ).toBe(
      'kind "mlmodel" is not a Lab2Live kind; lab2live.io/v1alpha1 defines MLModel, Dataset, SLA (did you mean MLModel?)',
    );
  });

  it('suggests the kind for a typo under the Lab2Live group or no apiVersion', () => {
    expect(
      checkLab2LiveKindHeader(named('lab2live.io/v1alpha1', 'MLModle'))
        ?.message,
    ).toBe(
      'kind "MLModle" is not a Lab2Live kind; lab2live.io/v1alpha1 defines MLModel, Dataset, SLA (did you mean MLModel?)',
    );
    expect(
      checkLab2LiveKindHeader(named('lab2live.io/v1beta1', 'SLA'))?.message,
    ).toBe(
      'SLA is a Lab2Live kind: write apiVersion lab2live.io/v1alpha1 (found apiVersion lab2live.io/v1beta1)',
    );
    expect(checkLab2LiveKindHeader(named(undefined, 'Datset'))?.message).toBe(
      'Dataset is a Lab2Live kind: write apiVersion lab2live.io/v1alpha1 and kind Dataset (found no apiVersion)',
    );
  });

  it("leaves other kinds and other plugins' API groups alone", () => {
    expect(
      checkLab2LiveKindHeader(named('backstage.io/v1alpha1', 'Component')),
    ).toBeUndefined();
    // A near miss under backstage.io may be another plugin's kind.
    expect(
      checkLab2LiveKindHeader(named('backstage.io/v1alpha1', 'Model')),
    ).toBeUndefined();
    expect(
      checkLab2LiveKindHeader(named('acme.example/v1', 'Dataset')),
    ).toBeUndefined();
    expect(checkLab2LiveKindHeader('not an entity')).toBeUndefined();
  });
});

describe('checkKnownKindHeader', () => {
  it('accepts every known kind under its apiVersions', () => {
    for (const [apiVersion, kind] of [
      ['lab2live.io/v1alpha1', 'MLModel'],
      ['backstage.io/v1alpha1', 'Component'],
      ['backstage.io/v1beta1', 'Group'],
      ['scaffolder.backstage.io/v1beta3', 'Template'],
    ]) {
      expect(checkKnownKindHeader(named(apiVersion, kind))).toBeUndefined();
    }
  });

  it('names an unknown kind and the known kind it was meant to be', () => {
    expect(
      checkKnownKindHeader(named('backstage.io/v1alpha1', 'Componnet')),
    ).toEqual({
      path: 'kind',
      message:
        'kind "Componnet" is not a known kind (did you mean Component?); known kinds are MLModel, Dataset, SLA, API, Component, Domain, Group, Location, Resource, System, User, Template',
    });
    expect(
      checkKnownKindHeader(named('example.com/v1', 'Pipeline'))?.message,
    ).toMatch(/^kind "Pipeline" is not a known kind; known kinds are /);
  });

  it('names an unknown apiVersion and the ones of the kind', () => {
    expect(checkKnownKindHeader(named('backstage.io/v2', 'Component'))).toEqual(
      {
        path: 'apiVersion',
        message:
          'apiVersion "backstage.io/v2" is not known for kind Component: write backstage.io/v1alpha1 or backstage.io/v1beta1',
      },
    );
    expect(checkKnownKindHeader(named(undefined, 'Template'))?.message).toBe(
      'apiVersion is required: Template is written with scaffolder.backstage.io/v1beta3',
    );
    expect(checkKnownKindHeader({ metadata: { name: 'x' } })).toEqual({
      path: 'kind',
      message: 'kind is required',
    });
  });

  it('takes the kinds a caller adds', () => {
    const known = [{ kind: 'Pipeline', apiVersions: ['example.com/v1'] }];
    expect(
      checkKnownKindHeader(named('example.com/v1', 'Pipeline'), known),
    ).toBeUndefined();
  });
});
