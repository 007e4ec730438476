import type { CuratedCommand } from '../grammar/intent';
import { VIEW_COMMANDS } from '../grammar/views';
import { license } from './license';
import { mcu } from './mcu';
import { multicompany } from './multicompany';
import { services } from './services';
import { status } from './status';
import { tenantProperty } from './tenant-property';

/** Every curated alias; `help` lists them in this order. */
export const CURATED: readonly CuratedCommand[] = [
  status,
  multicompany,
  tenantProperty,
  license,
  services,
  mcu,
  ...VIEW_COMMANDS,
];
