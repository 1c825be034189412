import { auditChainPayload, canonicalJson } from './auditChain';

describe('canonicalJson', () => {
  it('writes the same text whatever order the keys were written in', () => {
    expect(
      canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' } }),
    ).toBe('{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}');
    expect(
      canonicalJson({ a: { c: 'x', d: [2, { y: null, z: 1 }] }, b: 1 }),
    ).toBe(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' } }));
  });

  it('leaves out undefined properties and writes what JSON cannot hold as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, NaN] })).toBe(
      '{"b":[null,null]}',
    );
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson(new Date(Date.UTC(2026, 11, 2)))).toBe(
      '"2026-12-02T00:00:00.000Z"',
    );
  });

  it('escapes strings and sorts keys by code unit, as JSON.stringify and RFC 8785 do', () => {
    expect(canonicalJson({ é: 1, z: 2, 'a"b': 'line\nbreak' })).toBe(
      '{"a\\"b":"line\\nbreak","z":2,"é":1}',
    );
  });
});

describe('auditChainPayload', () => {
  const fields = {
    model: 'mlmodel:default/churn-predictor',
    seq: 2,
    occurredAt: '2026-12-02T10:00:00.000Z',
    actor: 'user:default/dana',
    action: 'review.approve',
    before: { state: 'in_review' },
    after: { state: 'approved', review: 'r1' },
    prevHash: 'a'.repeat(64),
  };

  it('covers every field that must never change', () => {
    const payload = JSON.parse(auditChainPayload(fields));
    expect(payload).toEqual({
      ...fields,
      after: { review: 'r1', state: 'approved' },
    });
    for (const [key, value] of Object.entries({
      model: 'mlmodel:default/other',
      seq: 3,
      occurredAt: '2026-12-02T10:00:00.001Z',
      actor: 'user:default/lee',
      action: 'review.reject',
      before: { state: 'draft' },
      after: { state: 'approved', review: 'r2' },
      prevHash: 'b'.repeat(64),
    })) {
      expect(auditChainPayload({ ...fields, [key]: value })).not.toBe(
        auditChainPayload(fields),
      );
    }
  });

  it('writes absent values as null', () => {
    expect(
      JSON.parse(
        auditChainPayload({
          ...fields,
          model: undefined,
          before: undefined,
          prevHash: null,
        }),
      ),
    ).toMatchObject({ model: null, before: null, prevHash: null });
  });
});
