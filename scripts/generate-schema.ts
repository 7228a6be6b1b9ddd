/** npm run schema: writes instruments/schema.json from the zod schema (a test keeps it in sync). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { instrumentJsonSchema } from '../src/instrument/json-schema';
import { instrumentsDir } from '../src/cli/io';

const target = join(instrumentsDir, 'schema.json');
writeFileSync(target, instrumentJsonSchema());
process.stdout.write(`wrote ${target}\n`);
