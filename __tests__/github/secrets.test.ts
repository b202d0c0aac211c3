import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { redactSecrets, registerSecret } from '../../src/github/secrets.js';
import { captureStdout } from '../helpers/stdout.js';

const TOKEN = 'ghs_RedactionTestToken4c8e1f90a2b7d36QwE';
const base64 = (text: string) => Buffer.from(text).toString('base64');
let printed: string[];

beforeEach(() => {
  printed = captureStdout();
});
afterEach(() => {
  jest.restoreAllMocks();
});

describe('registerSecret', () => {
  it('masks the value on the runner and removes it, and its encodings, from messages', () => {
    const secret = 'p@ss word/with+symbols==';
    registerSecret(secret);
    expect(printed).toEqual([`::add-mask::${secret}\n`]);
    for (const form of [secret, base64(secret), Buffer.from(secret).toString('base64url'), encodeURIComponent(secret)]) {
      expect(redactSecrets(`before ${form} after`)).toBe('before *** after');
    }
  });

  it('ignores an empty value', () => {
    registerSecret('');
    expect(printed).toEqual([]);
    expect(redactSecrets('nothing to hide')).toBe('nothing to hide');
  });
});

describe('redactSecrets', () => {
  it('removes a registered token wherever GitHub quotes it', () => {
    registerSecret(TOKEN);
    const body = `Bad credentials: the request had {"authorization":"token ${TOKEN}"} and ?access_token=${encodeURIComponent(TOKEN)} (${base64(TOKEN)})`;
    const redacted = redactSecrets(body);
    for (const form of [TOKEN, base64(TOKEN), encodeURIComponent(TOKEN)]) expect(redacted).not.toContain(form);
    expect(redacted).toBe('Bad credentials: the request had {"authorization":"token ***"} and ?access_token=*** (***)');
  });

  it('removes the value of any Authorization header, and Bearer and Basic credentials, even unregistered ones', () => {
    const basic = base64('x-access-token:hunter2hunter2');
    expect(redactSecrets('Authorization: token abc123def456')).toBe('Authorization: token ***');
    expect(redactSecrets("headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.c2ln' }")).toBe(
      "headers: { authorization: 'Bearer ***' }",
    );
    expect(redactSecrets(`AUTHORIZATION=Basic ${basic}`)).toBe('AUTHORIZATION=Basic ***');
    expect(redactSecrets('Authorization: s3cr3t-without-scheme')).toBe('Authorization: ***');
    expect(redactSecrets('proxy said: bearer abcdefgh12345678 is expired')).toBe('proxy said: bearer *** is expired');
    expect(redactSecrets(`it sent Basic ${basic}, refused`)).toBe('it sent Basic ***, refused');
  });

  it('removes anything shaped like a GitHub token', () => {
    for (const token of [
      'ghp_0123456789abcdefghijABCDEFGHIJ012345',
      'gho_aaaaaaaaaaaaaaaaaaaaaaaa',
      'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
    ]) {
      expect(redactSecrets(`token ${token}.`)).toBe('token ***.');
    }
  });

  it('leaves ordinary messages alone', () => {
    for (const message of [
      'GitHub rejected the token (Bad credentials); check the github-token input',
      'Credentials in the URL are sent as Basic authentication and never shown',
      'the job needs "permissions: contents: write, pull-requests: write"',
      'a Bearer of bad news',
    ]) {
      expect(redactSecrets(message)).toBe(message);
    }
  });
});
