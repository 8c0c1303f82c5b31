// The hierarchy's repositories use the platform's plain-SQL transaction handle.
export { clientTx, drizzleTx, inSqlTransaction as inTransaction, poolQuery, type SqlTx } from '@hvar/platform';
