/** `count` distinct ports the system had free on 127.0.0.1, all held at once until every one is known. */
export declare function freePorts(count: number): Promise<number[]>;
export declare function freePort(): Promise<number>;
