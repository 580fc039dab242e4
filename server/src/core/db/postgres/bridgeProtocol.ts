// The messages between a thread that wants PostgreSQL synchronously (pgBridge.ts) and the worker
// thread that holds the connection (pgBridgeWorker.ts). Only plain data crosses: SQL text, bound
// values, rows.

export type BoundValue = string | number | bigint | boolean | null | Uint8Array;

export interface Statement {
  sql: string;
  params: BoundValue[];
  /** Rows as arrays of column values instead of objects (better-sqlite3's `raw`). */
  arrays?: boolean;
}

export interface BridgeRequest {
  id: number;
  /** Statements whose results nobody reads: sent in one pipeline before `statement`. */
  deferred: Statement[];
  /** The statement whose result is awaited (null: only flush the deferred ones). */
  statement: Statement | null;
  /** Simple-protocol text (several statements, no parameters), e.g. a migration. */
  script?: string;
  close?: boolean;
}

export interface BridgeError {
  message: string;
  /** PostgreSQL SQLSTATE, or CONNECTION when the connection failed or was lost. */
  sqlState: string;
  detail?: string;
}

export interface BridgeReply {
  id: number;
  ok: boolean;
  rows: unknown[];
  rowCount: number;
  /** The statement's command tag (COMMIT answers ROLLBACK when the transaction had failed). */
  command: string;
  error: BridgeError | null;
  /** Connections opened so far: a change means the previous session (its locks, its transaction) is gone. */
  epoch: number;
  /** 'I' idle, 'T' in a transaction, 'E' in a failed transaction (PostgreSQL's ReadyForQuery). */
  txStatus: string;
}
