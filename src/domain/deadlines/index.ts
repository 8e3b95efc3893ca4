export * from './errors.js';
export * from './iso-date.js';
export * from './holidays.js';
export * from './calendar.js';
export * from './deadlines.js';
