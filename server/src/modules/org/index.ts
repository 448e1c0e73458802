export { createUnitsService, type UnitsService } from './units.service';
export { createUsersService, type UsersService } from './users.service';
export { usersRepository, type UserRecord } from './users.repository';
export { unitsRepository } from './units.repository';
export { isCertifiedOn } from './certification';
export { userLedgerRow } from './org.presenter';
export { registerOrgRoutes } from './org.routes';
export { orgLedgerSubjects } from './org.ledger';
