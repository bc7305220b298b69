/**
 * hivemind's JSON-RPC errors, shaped as hivemind/hive/db/sql_scripts/postgrest/
 * utilities/exceptions.sql builds them.
 *
 * Most are "WAX-compatible" asserts (build_hived_error_data): code -32602,
 * message "Assert Exception:<text>", and data shaped like an fc exception whose
 * only stack entry has an EMPTY format and data {category: "hivemind"}; the text
 * itself is in data.extension.assertion_expression. dhive builds its error
 * message from stack[0].format plus the data it did not substitute, so a client
 * using dhive sees the message " category=hivemind" and must read the text from
 * jse_info.extension.assertion_expression (or the JSON-RPC message).
 * A deleted post (raise_post_deleted_exception) is the odd one out: code
 * -31999, message "Invalid parameters", data a plain string.
 */
import { HIVEMIND_ASSERT_HASHES } from '../protocol';

export interface HivemindErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export class HivemindError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'HivemindError';
  }
  toRpcError(): HivemindErrorObject {
    return this.data === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, data: this.data };
  }
}

/** to_char(CURRENT_TIMESTAMP, 'YYYY-MM-DD"T"HH24:MI:SS'). */
function sqlTimestamp(): string {
  return new Date().toISOString().slice(0, 19);
}

/** build_hived_error_data + raise_exception_with_data(-32602, 'Assert Exception:' || text, data). */
export function hivemindAssert(text: string, assertHash: string = HIVEMIND_ASSERT_HASHES.parameter): HivemindError {
  return new HivemindError(-32602, `Assert Exception:${text}`, {
    code: 10,
    name: 'assert_exception',
    message: 'Assert Exception',
    stack: [
      {
        context: { level: 'error', file: '', line: 0, method: '', hostname: '', thread_name: '', timestamp: sqlTimestamp() },
        format: '',
        data: { category: 'hivemind' },
      },
    ],
    extension: { assertion_expression: text },
    assert_hash: assertHash,
  });
}

/** raise_non_existing_post_exception. */
export function postMissing(author: string, permlink: string): HivemindError {
  return hivemindAssert(`Post ${author}/${permlink} does not exist`, HIVEMIND_ASSERT_HASHES.postMissing);
}

/** raise_post_deleted_exception: `times` is how many posts of that permlink were deleted. */
export function postDeleted(author: string, permlink: string, times: number): HivemindError {
  return new HivemindError(-31999, 'Invalid parameters', `Post ${author}/${permlink} was deleted ${times} time(s)`);
}

/** raise_community_exception ("community name cannot be blank", "given community name is not valid"). */
export function communityInvalid(text: string): HivemindError {
  return hivemindAssert(text, HIVEMIND_ASSERT_HASHES.community);
}

/** find_community_id(_check): raise_parameter_validation_exception('Community <name> does not exist'). */
export function communityMissing(name: string): HivemindError {
  return hivemindAssert(`Community ${name} does not exist`);
}

/** raise_method_not_found_exception('condenser_api.x'). */
export function methodNotFound(method: string): HivemindError {
  return hivemindAssert(`unknown method: ${method}`);
}
