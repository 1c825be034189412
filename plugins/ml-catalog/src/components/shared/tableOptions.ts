/**
 * Options for every Backstage `Table` of ours. Column dragging, on by default, puts a
 * focusable drag handle inside each sortable header's sort button: a control nested in
 * a control, which keyboards and screen readers stumble on (axe `nested-interactive`,
 * WCAG 4.1.2). Our columns are never dragged.
 */
export const tableOptions = { draggable: false } as const;

/**
 * A table inside a card or section: dense rows, no toolbar or search (the card has the
 * title), every row on one page unless told otherwise.
 */
export const compactTableOptions = {
  ...tableOptions,
  paging: false,
  search: false,
  toolbar: false,
  padding: 'dense',
} as const;
