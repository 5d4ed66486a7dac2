/** Deliveries built and signed as Lark does; shared with the sandbox simulator. */
export * from '../../src/sandbox/lark-deliveries';
