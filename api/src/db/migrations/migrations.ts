import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000_initial } from './Migration20261125000000_initial';
import { Migration20261125010000_conversations } from './Migration20261125010000_conversations';
import { Migration20261125020000_outbox } from './Migration20261125020000_outbox';
import { Migration20261125030000_connections } from './Migration20261125030000_connections';
import { Migration20261125040000_uploads } from './Migration20261125040000_uploads';
import { Migration20261125050000_read_marks } from './Migration20261125050000_read_marks';
import { Migration20261126010000_sign_in_throttle } from './Migration20261126010000_sign_in_throttle';
import { Migration20261126020000_offer_expiry } from './Migration20261126020000_offer_expiry';
import { Migration20261126030000_pause_reasons } from './Migration20261126030000_pause_reasons';
import { Migration20261126040000_supervision } from './Migration20261126040000_supervision';
import { Migration20261126050000_administration } from './Migration20261126050000_administration';
import { Migration20261126060000_staff_read_marks } from './Migration20261126060000_staff_read_marks';
import { Migration20261126160000_api_key_last_use } from './Migration20261126160000_api_key_last_use';
import { Migration20261127000000_archiving } from './Migration20261127000000_archiving';
import { Migration20261201000000_calls } from './Migration20261201000000_calls';
import { Migration20261202000000_contact_message_budget } from './Migration20261202000000_contact_message_budget';
import { Migration20261203000000_routing_rosters } from './Migration20261203000000_routing_rosters';

/** Committed migrations, oldest first; applied at start under an advisory lock. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261125000000_initial', class: Migration20261125000000_initial },
  { name: 'Migration20261125010000_conversations', class: Migration20261125010000_conversations },
  { name: 'Migration20261125020000_outbox', class: Migration20261125020000_outbox },
  { name: 'Migration20261125030000_connections', class: Migration20261125030000_connections },
  { name: 'Migration20261125040000_uploads', class: Migration20261125040000_uploads },
  { name: 'Migration20261125050000_read_marks', class: Migration20261125050000_read_marks },
  { name: 'Migration20261126010000_sign_in_throttle', class: Migration20261126010000_sign_in_throttle },
  { name: 'Migration20261126020000_offer_expiry', class: Migration20261126020000_offer_expiry },
  { name: 'Migration20261126030000_pause_reasons', class: Migration20261126030000_pause_reasons },
  { name: 'Migration20261126040000_supervision', class: Migration20261126040000_supervision },
  { name: 'Migration20261126050000_administration', class: Migration20261126050000_administration },
  { name: 'Migration20261126060000_staff_read_marks', class: Migration20261126060000_staff_read_marks },
  { name: 'Migration20261126160000_api_key_last_use', class: Migration20261126160000_api_key_last_use },
  { name: 'Migration20261127000000_archiving', class: Migration20261127000000_archiving },
  { name: 'Migration20261201000000_calls', class: Migration20261201000000_calls },
  { name: 'Migration20261202000000_contact_message_budget', class: Migration20261202000000_contact_message_budget },
  { name: 'Migration20261203000000_routing_rosters', class: Migration20261203000000_routing_rosters },
];
