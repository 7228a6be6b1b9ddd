/** The JSON Schema published for instrument authors, generated from the zod schema. Pure. */
import { z } from 'zod';
import { definitionSchema } from './schema';

export function instrumentJsonSchema(): string {
  const schema = z.toJSONSchema(definitionSchema, { target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, $id: 'urn:polku:schema:instrument:1' }, null, 2)}\n`;
}
