import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { blueprintQuery } from '../../api/blueprint.queries';
import { entityQuery } from '../../api/entity.queries';

/** The entity page's blueprint and entity, from the URL; every tab shares the same cached queries. */
export function useEntityPage() {
  const params = useParams({ from: '/app/catalog/$blueprint/$entity' });
  const blueprint = useQuery(blueprintQuery(params.blueprint));
  const entity = useQuery(entityQuery(params.blueprint, params.entity));
  return { params, blueprint, entity };
}
