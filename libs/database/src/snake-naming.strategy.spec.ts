import { snakeCase } from './snake-naming.strategy';

describe('snakeCase', () => {
  it.each([
    ['createdAt', 'created_at'],
    ['groupId', 'group_id'],
    ['isContactPoint', 'is_contact_point'],
    ['vpsParticipant', 'vps_participant'],
    ['URLValue', 'url_value'],
    ['already_snake', 'already_snake'],
  ])('%s → %s', (input, out) => expect(snakeCase(input)).toBe(out));
});
