import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import {
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  alertApiRef,
  useApi,
  useRouteRef,
  useRouteRefParams,
} from '@backstage/core-plugin-api';
import { dialogApiRef } from '@backstage/frontend-plugin-api';
import { catalogEntityDeletePermission } from '@backstage/plugin-catalog-common/alpha';
import {
  entityRouteRef,
  EntityRefLinks,
  getEntityRelations,
  UnregisterEntityDialog,
  useAsyncEntity,
  useEntityPresentation,
  useStarredEntity,
} from '@backstage/plugin-catalog-react';
import {
  EntityHeaderLayoutProps,
  useEntityPermission,
} from '@backstage/plugin-catalog-react/alpha';
import {
  ButtonIcon,
  Header,
  HeaderMetadataItem,
  Menu,
  MenuItem,
  MenuTrigger,
} from '@backstage/ui';
import {
  RiBugLine,
  RiDeleteBinLine,
  RiFileCopyLine,
  RiMore2Line,
  RiStarFill,
  RiStarLine,
} from '@remixicon/react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useCopyToClipboard from 'react-use/esm/useCopyToClipboard';
import { mlCatalogGovernanceApiRef } from '../../api';
import { mlModelsRouteRef } from '../../routes';
import {
  MODEL_SOURCE_TITLES,
  modelSourceOf,
} from '@lab2live/plugin-ml-catalog-common';
import { RiskTierChip } from '../shared/chips';
import { WebLink } from '../shared/WebLink';
import { ComplianceChip, useGovernanceChanges } from '../status';

/** The compliance badge with its reasons, as the header shows it. */
function HeaderCompliance(props: { model: string }) {
  const api = useApi(mlCatalogGovernanceApiRef);
  const changes = useGovernanceChanges();
  const { value, error, loading } = useAsyncRetry(
    () => api.getModelCompliance(props.model),
    [api, props.model, changes],
  );
  if (loading) return <span>…</span>;
  if (error || !value) {
    return <span title={error?.message}>unavailable</span>;
  }
  return (
    <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
      <ComplianceChip status={value.status} reasons={value.reasons} />
      {/* Shown for the eye; screen readers hear the reasons as the chip's description. */}
      {value.reasons.length > 0 && (
        <span aria-hidden="true">{value.reasons.join('; ')}</span>
      )}
    </span>
  );
}

/** The catalog's own three actions: copy the URL, inspect, unregister. */
function ModelActions() {
  const { entity } = useAsyncEntity();
  const alertApi = useApi(alertApiRef);
  const dialogApi = useApi(dialogApiRef);
  const navigate = useNavigate();
  const modelsRoute = useRouteRef(mlModelsRouteRef);
  const [, setSearchParams] = useSearchParams();
  const [copied, copy] = useCopyToClipboard();
  const unregister = useEntityPermission(catalogEntityDeletePermission);
  const { isStarredEntity, toggleStarredEntity } = useStarredEntity(entity!);

  useEffect(() => {
    if (copied.value && !copied.error) {
      alertApi.post({
        message: 'Copied the model page URL',
        severity: 'info',
        display: 'transient',
      });
    }
  }, [copied, alertApi]);

  return (
    <>
      <ButtonIcon
        variant="secondary"
        aria-label={
          isStarredEntity ? 'Remove from favorites' : 'Add to favorites'
        }
        icon={isStarredEntity ? <RiStarFill /> : <RiStarLine />}
        onPress={() => toggleStarredEntity()}
      />
      <MenuTrigger>
        <ButtonIcon
          variant="secondary"
          icon={<RiMore2Line />}
          aria-label="More actions"
        />
        <Menu placement="bottom end">
          <MenuItem
            iconStart={<RiFileCopyLine size={16} />}
            onAction={() => copy(window.location.toString())}
          >
            Copy entity URL
          </MenuItem>
          {/* The entity page's own dialog host opens on ?inspect. */}
          <MenuItem
            iconStart={<RiBugLine size={16} />}
            onAction={() => setSearchParams('inspect')}
          >
            Inspect entity
          </MenuItem>
          <MenuItem
            iconStart={<RiDeleteBinLine size={16} />}
            isDisabled={!unregister.allowed}
            onAction={() =>
              // Decided when chosen, whatever the menu showed when it opened.
              unregister.allowed &&
              dialogApi.open(({ dialog }) => (
                <UnregisterEntityDialog
                  open
                  entity={entity!}
                  onClose={() => dialog.close()}
                  onConfirm={() => {
                    dialog.close();
                    // Back to the list of models, which no longer holds it.
                    navigate(modelsRoute());
                  }}
                />
              ))
            }
          >
            Unregister entity
          </MenuItem>
        </Menu>
      </MenuTrigger>
    </>
  );
}

/**
 * The header of MLModel pages: the catalog's header (title, kind and type, lifecycle,
 * owner, system, favorite, the entity actions, the tabs) with the model's risk tier
 * and its compliance badge and reasons.
 */
export function ModelHeader(props: EntityHeaderLayoutProps) {
  const { entity } = useAsyncEntity();
  const routeParams = useRouteRefParams(entityRouteRef);
  const presentation = useEntityPresentation(entity ?? routeParams);
  if (!entity) return <Header title={presentation.primaryTitle} />;

  const spec = (entity.spec ?? {}) as {
    type?: string;
    lifecycle?: string;
    governance?: { riskTier?: string };
  };
  const owners = getEntityRelations(entity, RELATION_OWNED_BY);
  const systems = getEntityRelations(entity, RELATION_PART_OF, {
    kind: 'system',
  });
  const metadata: HeaderMetadataItem[] = [];
  if (spec.lifecycle) {
    metadata.push({ label: 'Lifecycle', value: spec.lifecycle });
  }
  if (owners.length) {
    metadata.push({
      label: 'Owner',
      value: <EntityRefLinks entityRefs={owners} defaultKind="group" />,
    });
  }
  if (systems.length) {
    metadata.push({
      label: 'System',
      value: <EntityRefLinks entityRefs={systems} defaultKind="system" />,
    });
  }
  // Back to the registry a provider or an import made the entity from.
  const { source, registryUrl } = modelSourceOf(entity);
  if (source !== 'yaml') {
    metadata.push({
      label: 'Source',
      value: registryUrl ? (
        <WebLink to={registryUrl}>{MODEL_SOURCE_TITLES[source]}</WebLink>
      ) : (
        MODEL_SOURCE_TITLES[source]
      ),
    });
  }
  metadata.push({
    label: 'Risk tier',
    value: <RiskTierChip tier={spec.governance?.riskTier} />,
  });
  metadata.push({
    label: 'Compliance',
    value: <HeaderCompliance model={stringifyEntityRef(entity)} />,
  });

  return (
    <Header
      title={presentation.primaryTitle}
      tags={[
        { label: entity.kind },
        ...(spec.type ? [{ label: spec.type }] : []),
      ]}
      metadata={metadata}
      tabs={props.tabs}
      activeTabId={props.activeTabId}
      customActions={<ModelActions />}
    />
  );
}
