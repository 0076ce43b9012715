-- Changes to webhook endpoints and redeliveries of dead letters are audited (issue 17).
alter table audit_event drop constraint audit_event_action_check;
alter table audit_event add constraint audit_event_action_check
    check (action in ('REPLAY', 'EXPORT', 'ERASURE', 'PURGE', 'WATCH', 'BRANDING', 'SITE_ADDED', 'SITE_REMOVED',
                      'INVITE', 'WITHDRAW', 'JOIN', 'TRANSFER', 'STEP_IN', 'STEP_OUT',
                      'WEBHOOK_ADDED', 'WEBHOOK_CHANGED', 'WEBHOOK_REMOVED', 'REDELIVER'));
