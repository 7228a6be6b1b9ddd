import type { HTMLAttributes, Key, ReactNode } from 'react';

export interface Column<Row> {
  /** The column's heading (th scope="col"). */
  header: ReactNode;
  cell: (row: Row, index: number) => ReactNode;
  /** The cell names its row (th scope="row"), as a screen reader says it before the other cells. */
  rowHeader?: boolean;
  /** Numbers: aligned to the right, so that their digits line up. */
  numeric?: boolean;
  /** Needed when the headers are not unique strings. */
  key?: Key;
}

type RowProps = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | number | undefined };

interface Props<Row> {
  caption: ReactNode;
  /** The caption for screen readers only (a heading above already says what the table is). */
  captionHidden?: boolean;
  columns: readonly (Column<Row> | false)[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => Key;
  rowProps?: (row: Row, index: number) => RowProps;
  /** More classes beside "data-table". */
  className?: string;
  /** The name of the scrolling region; the caption when it is text. */
  label?: string;
  /** False for a small table that always fits (two short columns): no scrolling region of its own. */
  scroll?: boolean;
}

/**
 * A table of rows in columns, in a region of its own that scrolls sideways (focusable, so it scrolls
 * with the keyboard too): on a narrow screen the table scrolls, not the page.
 */
export function DataTable<Row>({ caption, captionHidden, columns, rows, rowKey, rowProps, className, label, scroll = true }: Props<Row>) {
  const shown = columns.filter((c): c is Column<Row> => c !== false);
  const keyOf = (column: Column<Row>, i: number) => column.key ?? (typeof column.header === 'string' ? column.header : i);
  const table = (
    <table className={className ? `data-table ${className}` : 'data-table'}>
      <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
      <thead>
        <tr>
          {shown.map((column, i) => (
            <th scope="col" key={keyOf(column, i)} className={column.numeric ? 'numeric' : undefined}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={rowKey(row, r)} {...rowProps?.(row, r)}>
            {shown.map((column, i) =>
              column.rowHeader ? (
                <th scope="row" key={keyOf(column, i)} className={column.numeric ? 'numeric' : undefined}>
                  {column.cell(row, r)}
                </th>
              ) : (
                <td key={keyOf(column, i)} className={column.numeric ? 'numeric' : undefined}>
                  {column.cell(row, r)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (!scroll) return table;
  return (
    <div className="table-scroll" role="region" tabIndex={0} aria-label={label ?? (typeof caption === 'string' ? caption : undefined)}>
      {table}
    </div>
  );
}

/** A cell's text with a badge after it when there is one (e.g. "primary"). */
export function WithBadge({ text, badge }: { text: ReactNode; badge: string | false | null | undefined }) {
  return (
    <>
      {text}
      {badge && <span className="badge">{badge}</span>}
    </>
  );
}
