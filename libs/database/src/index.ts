export * from './data-source-options';
export * from './ensure-database';
export * from './migrate';
export * from './snake-naming.strategy';
export * from './transaction';
export * from './database.module';
export * from './prepared-statement';
