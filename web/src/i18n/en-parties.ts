import type { zhCNParties } from './zh-cn-parties';

/** English strings of the party directory; the same keys as zh-cn-parties.ts. */
export const enParties: Record<keyof typeof zhCNParties, string> = {
  'nav.parties': 'Parties',
  'parties.title': 'Party directory',
  'parties.create': 'Register a party',
  'parties.edit': 'Edit party',
  'parties.created': 'Party “{name}” registered',
  'parties.search': 'Name or complete ID number',
  'parties.kind': 'Kind',
  'parties.name': 'Name',
  'parties.name.organisation': 'Employer name',
  'parties.name.person': 'Full name',
  'parties.identifier': 'ID number',
  'parties.identifier.organisation': 'Unified social credit code',
  'parties.identifier.person': 'Resident ID number',
  'parties.identifierHint.organisation':
    '18 digits or capital letters (no I, O, Z, S or V); the last one is the check character',
  'parties.identifierHint.person': '18 characters: 17 digits, then a check digit (a digit or X)',
  'parties.identifierExpect': 'From the first 17 characters, the 18th (check) character should be {expected}',
  'parties.identifierOk': 'Check passed',
  'parties.identifierOkPerson': 'Check passed: {sex}, born {birth}',
  'parties.identifierFixed':
    'The ID number identifies the party and cannot be changed; register a new party if the number is wrong',
  'parties.legalRep': 'Legal representative',
  'parties.sex': 'Sex',
  'parties.sexFromId': 'Taken from the resident ID number',
  'parties.address': 'Address',
  'parties.phone': 'Phone',
  'parties.note': 'Note',
  'parties.updatedAt': 'Updated',
  'parties.empty': 'No parties registered yet',
  'parties.emptyFiltered': 'No parties match',
  'parties.required.name': 'Enter the employer name or the full name',
  'parties.required.identifier': 'Enter the ID number',
  'parties.taken.title': 'This number is already registered',
  'parties.taken.hint':
    'The same number is the same party: there is nothing to register again. Change its name or contacts on the registered record if they changed.',
  'parties.taken.use': 'Use the registered party',
};
