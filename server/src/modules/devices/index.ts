export { createDevicesService, type DevicesService } from './devices.service';
export { registerDeviceRoutes } from './devices.routes';
export { devicesLedgerSubjects } from './devices.ledger';
export { devicesRepository, type DeviceRecord } from './devices.repository';
