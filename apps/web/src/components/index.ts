export { Dialog } from './dialog';
export { CheckboxField, Field, FormError, SelectField, TextAreaField, TextField } from './form';
export { Page, Section } from './page';
export { QueryState } from './query-state';
