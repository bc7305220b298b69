/**
 * hive-smt's core as an app may use it too (package entry `hive-smt/core`):
 * one error type and its mapper to Strapi's error shape, one zod parse
 * helper, the request's member, the Content Manager's field help.
 */
export { PluginError, httpErrorFor, toHttpError, respond, messageOf, type ErrorDetails } from './errors';
export { parseInput, invalidInput, invalidFields, zodProblems, type FieldProblem } from './validate';
export { requireMember, type Member, type RequestContext } from './http';
export { writeFieldHelp, type FieldHelp } from './field-help';
export { durably, SQLITE_SYNCHRONOUS_FULL } from './durable';
export { LIKES_CHANGED_EVENT, CLUSTER_INVALIDATED_EVENT } from './events';
