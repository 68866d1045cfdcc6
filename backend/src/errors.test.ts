import { expect } from 'chai';
import { AppError, asAppError, NotFoundError, toProblem, ValidationError } from './errors.js';

describe('errors', () => {
  it('renders a 4xx as a problem with its message and fields', () => {
    const p = toProblem(new ValidationError('Invalid request: id must be a positive integer', [{ field: 'id', message: 'must be a positive integer' }]), '/v1/clients/x');
    expect(p).to.deep.equal({
      type: 'https://pad.example/problems/validation-error', title: 'Bad Request', status: 400,
      detail: 'Invalid request: id must be a positive integer', instance: '/v1/clients/x', errors: [{ field: 'id', message: 'must be a positive integer' }],
    });
    expect(toProblem(new NotFoundError('No client with id 3')).status).to.equal(404);
  });

  it('never exposes the message of a 5xx', () => {
    const p = toProblem(asAppError(new Error('ENOENT: /work/secret/path')));
    expect(p.status).to.equal(500);
    expect(p.type).to.equal('about:blank');
    expect(p.detail).to.not.contain('/work');
    expect(p).to.not.have.property('errors');
  });

  it('keeps exposed Koa http errors and hides unexposed ones', () => {
    expect(asAppError(Object.assign(new Error('Bad thing'), { status: 400, expose: true })).message).to.equal('Bad thing');
    expect(asAppError(Object.assign(new Error('internal detail'), { status: 400, expose: false })).message).to.equal('Bad Request');
    expect(asAppError(new AppError(418, 'teapot', 'short and stout')).status).to.equal(418);
  });
});
