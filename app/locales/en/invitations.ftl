## Administrators and invitations
invite-title = Add an Admin
invite-lead = The new administrator gets an email with a link to choose their username and password.
invite-username-help = Leave empty to let them choose. Begins with a letter; letters and digits only.
invite-submit = Send Invitation
invite-error-email-is-admin = An administrator with this email address already exists.
invite-error-pending = This email address already has a pending invitation. Use Resend in the Pending invitations list (invitation #{ $id }) to send a new link.
invite-error-username-taken = This username is already taken.
invite-error-unknown-role = Choose one of the listed roles.
invite-error-unknown-department = Choose from the listed departments.
invite-error-not-pending-accepted = This invitation can no longer be changed: it was accepted.
invite-error-not-pending-cancelled = This invitation can no longer be changed: it was cancelled or replaced.
invite-error-not-pending-replaced = This invitation can no longer be changed: it was replaced by a newer invitation.
invite-error-not-pending-changed = This invitation can no longer be changed: someone else changed it meanwhile.

## Accepting an invitation, and secret links
accept-title = Accept Invitation
accept-heading = Accept your invitation
accept-invited = { $name }, you are invited to the { $organization } Admin Area as { $role }.
accept-account = Your account will use { $email }. This invitation expires { $expires }.
accept-username-preset = Chosen by the administrator who invited you.
accept-username-help = Begins with a letter; letters (A–Z, a–z) and digits only, no spaces.
accept-submit = Create Account
accept-error-username-taken = This username is already taken. Choose another one.
accept-error-email-is-admin = An administrator account already exists for this email address. Log in instead.
accept-error-contact = Contact { $name } ({ $email }) for a new invitation.
link-invite-not-found-title = This invitation link is not valid
link-invite-expired-title = This invitation has expired
link-invite-cancelled-title = This invitation was cancelled
link-invite-superseded-title = A newer invitation replaced this one
link-invite-used-title = This invitation was already used
link-invite-expired-text = Invitations can only be used for a limited time.
link-invite-cancelled-text = The administrator who invited you withdrew this invitation.
link-invite-superseded-text = A new invitation email was sent to you; use the link in the most recent one.
link-invite-used-text = An account was already created with it. If that was you, log in instead.

## Emails
mail-invite-who = { $name } of { $organization }
mail-invite-subject = You've been invited to use Staffdesk
mail-invite-body = { $who } has invited you to the { $organization } Admin Area in Staffdesk as { $role }.
mail-invite-action-text = Accept the invitation and choose your username and password here:
mail-invite-button = Accept Invitation
mail-invite-expiry = This invitation expires on { $expiry }. If you did not expect it, you can ignore this email.
