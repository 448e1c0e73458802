export { createPartiesService, PartyTakenError, type PartiesService } from './parties.service';
export { registerPartyRoutes } from './parties.routes';
export { partiesLedgerSubjects } from './parties.ledger';
export { partiesRepository, type PartyRecord } from './parties.repository';
export { presentParty, partyLedgerRow } from './parties.presenter';
