export * from './roles';
export * from './permissions';
export * from './messages';
export * from './password-policy';
export * from './schemas';
export * from './ledger';
export * from './recordings';
