import type { Core } from '@strapi/strapi';
import { registerDocumentationRoutes } from '../openapi/serve';
import { grantEditorPermissions } from './admin-editor-role';
import { grantMemberActions } from './member-roles';

const CM = 'plugin::content-manager.explorer';
const REPORT = 'api::report.report';

/** Before roles are laid down: what members and admin editors may do with the REST surface for frontends. */
export function registerRestSurface(): void {
  // Feeds, featured list, WeChat login and the OpenAPI document are public routes (auth: false).
  const memberActions = [
    'api::me.me.posts',
    'api::me.me.profile',
    'api::me.me.updateProfile',
    'api::me.me.upload',
    'api::notification.notification.list',
    'api::notification.notification.read',
    'api::comment.thread.create',
    'api::event.event.rsvp',
    'api::event.event.cancelRsvp',
    'api::event.event.checkinCode',
    'api::event.event.checkin',
    'api::payment.payment.createRequest',
    'api::payment.payment.pay',
    'api::payment.payment.findOne',
    'api::payment.payment.confirm',
    'api::payment.payment.refund',
    'api::payment.payment.statement',
    'api::redemption.redemption.request',
    'api::redemption.redemption.confirm',
    'api::redemption.redemption.list',
    `${REPORT}.create`,
  ];
  grantMemberActions('authenticated', memberActions);
  grantMemberActions('editor', memberActions);
  grantEditorPermissions([
    { action: `${CM}.read`, subject: REPORT, fields: ['reporter', 'post', 'comment', 'reason', 'details', 'reportStatus'] },
    { action: `${CM}.update`, subject: REPORT, fields: ['reportStatus'] },
  ]);
}

/** After routing is set up: /openapi.json and /documentation. */
export function bootstrapRestSurface(strapi: Core.Strapi): void {
  registerDocumentationRoutes(strapi);
}
