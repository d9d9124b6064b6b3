## Administrators and invitations
admins-invited = Invitation sent. The email is on its way.
admins-resent = A new invitation link was sent; the old one no longer works.
admins-cancelled = The invitation was cancelled; its link no longer works.
admins-disabled-notice = The administrator was disabled and logged out everywhere.
admins-enabled-notice = The administrator was enabled and can log in again.
admins-staff = Staff
admins-last-login = Last login
admins-disabled = Disabled
admins-never = Never
admins-enable = Enable
admins-disable = Disable
admins-pending = Pending invitations
admins-no-pending = No pending invitations.
admins-invited-by = Invited by
admins-invited-by-system = Staffdesk (system)
admins-sent = Sent
admins-expires = Expires
admins-mail-status = Email status
admins-expired = Expired
admins-resend = Resend
admins-resend-named = Resend invitation for { $email }
admins-cancel = Cancel
admins-cancel-named = Cancel invitation for { $email }

## Emails
mail-reset-subject = Set a new Staffdesk password
mail-reset-body = { $who } has reset the password of your { $organization } Staffdesk account ({ $username }).
mail-reset-action-text = Choose a new password here:
mail-reset-button = Choose a new password
mail-reset-expiry = The link works once, until { $expiry }. Your old password keeps working until you choose a new one. If you did not expect this, tell { $who } or another administrator.

## Editing an administrator, and password links
edit-admin-reset-sent = A set-password link was emailed. It works once, for 24 hours.
edit-admin-enable = Enable account
edit-admin-disable = Disable account
edit-admin-back = ← All administrators
edit-admin-username-fixed = Usernames cannot be changed.
edit-admin-own-role = You cannot change your own role.
edit-admin-roles-offered = Only roles whose permissions you hold yourself are offered.
edit-admin-reset-text = Email them a single-use link to choose a new password. It works for 24 hours; their current password keeps working until then.
edit-admin-reset-submit = Send password reset link
edit-admin-status = Account status
edit-admin-disabled-text = This account is disabled: it cannot log in. Enabling it lets them log in again with their password.
edit-admin-enabled-text = Disabling logs them out everywhere and stops them logging in. Their history stays.
admins-error-own-account = You cannot disable your own account.
admins-error-own-role = You cannot change your own role. Ask another administrator.
admins-error-own-email = Change your own email address in My Account, where your current password confirms it.
admins-error-last-full = This is the last active Full Administrator. Give another administrator the Full Administrator role first.
admins-error-superior = This administrator's role includes “{ $permission }”, which yours does not. Only an administrator holding all of their permissions can change their account.
admins-error-not-yours = You can only give roles whose permissions you hold yourself, and your role does not include “{ $permission }”.
admins-error-email-taken = Another administrator already uses this email address.
admins-error-disabled = This account is disabled. Enable it before sending a password link.
reset-title = Choose a new password
reset-for = { $name }, choose a new password for your account { $username }.
reset-expiry = This link works once, until { $expires }. Setting a password logs you out everywhere.
reset-to-login = Go to the login page
reset-submit = Set password
link-reset-not-found-title = This password link is not valid
link-reset-expired-title = This password link has expired
link-reset-superseded-title = A newer password link replaced this one
link-reset-used-title = This password link was already used
link-reset-disabled-title = This account is disabled
link-reset-expired-text = Password links work for 24 hours. Ask an administrator to send you a new one.
link-reset-superseded-text = A newer email was sent to you; use the link in the most recent one.
link-reset-used-text = Your password was already set with it. Log in, or ask an administrator for a new link.
link-reset-disabled-text = Ask an administrator to enable your account first.

## Two-factor authentication
edit-admin-2fa-on = Two-factor authentication is on for this administrator.
edit-admin-2fa-off = Two-factor authentication is off for this administrator.
edit-admin-2fa-reset-text = If they lost their phone and their recovery codes, reset it: they can then log in with their password and set it up again. They are told by email.
edit-admin-2fa-reset-submit = Reset two-factor authentication
edit-admin-2fa-reset-done = Two-factor authentication was reset, and the administrator was told by email.
