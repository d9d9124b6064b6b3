## Navigation and the page frame
nav-dashboard = Dashboard

## Errors
error-not-found = The page or record you asked for does not exist.
error-unauthenticated = Your session has ended. Please log in again.
error-forbidden = Your administrator role does not include the “{ $permission }” permission. Ask a Full Administrator if you need it.
error-busy = The server is busy right now. Please try again in a moment.
error-internal-reference = Something went wrong on our side. Please try again; if it keeps happening, quote reference { $reference }.
error-bad-request = The form was incomplete or malformed. Please reload the page and try again.
error-network = The server could not be reached. Check your connection and try again.
error-internal = Something went wrong on our side. Please try again.

## Validation
validation-required = This field is required.
validation-too-long = Must be at most { $max } characters.
validation-control-character = Must not contain control characters.
validation-invisible-character = Must not contain invisible or text-direction characters.
validation-email-format = Enter an email address like name@example.com.
validation-username-start = A username must begin with a letter (A–Z or a–z).
validation-username-characters = A username may contain only letters (A–Z, a–z) and digits, with no spaces or special characters.
validation-password-too-short = Use at least { $min } characters.
validation-password-too-long = Use at most { $max } bytes.
validation-password-forbidden = A password cannot contain the characters & " ' < or >.
validation-password-common = This password is too common. Choose one that is harder to guess.
validation-passwords-differ = The two passwords do not match.
validation-permission-needs = “{ $permission }” needs “{ $requires }”. Tick both, or neither.
validation-unknown-permission = Choose from the listed permissions.
validation-unknown-choice = Choose one of the listed options.

## Permissions and their areas
permission-admins-view = View administrators
permission-admins-manage = Manage administrators
permission-invitations-send = Send invitations
permission-roles-manage = Manage administrator roles
permission-departments-view = View support departments
permission-departments-manage = Manage support departments
permission-settings-manage = Manage settings
permission-audit-view = View the activity log
permission-audit-export = Export the activity log
permission-security-bans = Manage login bans
permission-tickets-view = View support tickets
permission-tickets-reply = Reply to support tickets
permission-clients-view = View clients
permission-clients-manage = Manage clients
permission-reports-view = View reports
area-staff = Staff & Roles
area-invitations = Invitations
area-departments = Departments
area-settings = Settings
area-audit-log = Audit Log
area-support = Support
area-clients = Clients
area-reports = Reports

## Forms
form-optional = (optional)
form-strength-weak = Weak: use a longer password.
form-strength-fair = Fair: longer, with numbers, symbols and upper- and lower-case letters, is stronger.
form-strength-strong = Strong password.

## Shared words
common-loading = Loading…
common-actions = Actions
common-edit = Edit
common-edit-named = Edit { $name }
common-to-dashboard = Go to the Dashboard

## Roles
roles-title = Administrator Roles
roles-add = Add a role
roles-lead = A role is the set of permissions its administrators have. Every administrator has exactly one role.
roles-created = The role was created.
roles-saved = The role was saved. Administrators with it have the new permissions from their next click.
roles-deleted = The role was deleted.
roles-every-permission = Every permission, including ones added in future versions
roles-no-permissions = No permissions
roles-heading = Roles
roles-col-role = Role
roles-col-admins = Administrators
roles-col-permissions = Permissions
roles-built-in = Built-in
roles-duplicate = Duplicate
roles-duplicate-named = Duplicate { $name }
roles-delete = Delete
roles-delete-named = Delete { $name }
roles-edit-heading = Edit role: { $name }
roles-name = Role name
roles-built-in-name = Built-in roles keep their names.
roles-in-use = { $count ->
    [0] No administrator has this role yet.
    [one] 1 administrator has this role; changes apply to them at once.
   *[other] { $count } administrators have this role; changes apply to them at once.
}
roles-back = ← All roles
roles-save = Save role
roles-create = Create role
roles-needs = Needs: { $names }
roles-copy-of = Copy of { $name }
roles-error-name-taken = A role named “{ $name }” already exists.
roles-error-full-locked = Full Administrator always has every permission; it cannot be edited or deleted.
roles-error-built-in-delete = Built-in roles cannot be deleted. Remove their permissions instead if nobody should use them.
roles-error-own-role = You cannot change or delete the role you hold yourself. Ask another administrator.
roles-error-not-yours = You can only grant permissions you hold yourself, and your role does not include “{ $permission }”.
roles-error-in-use = This role cannot be deleted: { $admins ->
    [0] { $invitations ->
        [one] 1 pending invitation offers it
       *[other] { $invitations } pending invitations offer it
    }
    [one] 1 administrator uses it{ $invitations ->
        [0] {""}
        [one] {" "}and 1 pending invitation offers it
       *[other] {" "}and { $invitations } pending invitations offer it
    }
   *[other] { $admins } administrators use it{ $invitations ->
        [0] {""}
        [one] {" "}and 1 pending invitation offers it
       *[other] {" "}and { $invitations } pending invitations offer it
    }
}. Give them another role first.

## The page frame
nav-admins = Administrators
nav-roles = Roles
nav-departments = Departments
nav-account = Account
nav-my-account = My Account
nav-skip = Skip to content
app-tagline = Staff Admin Area
notfound-title = Page not found
notfound-text = There is no page at this address. It may have moved, or the link may be mistyped.
errorpage-title = Something went wrong
errorpage-heading = This page could not be shown
errorpage-forbidden-title = Access denied

## Login
login-title = Log in
login-heading = Log in to Staffdesk
login-password-set = Your new password is set. Log in with it.
login-submit = Log in
login-error-invalid = The username or password is incorrect.
login-error-banned = Too many failed logins from your address. Logins from it are blocked for { $minutes ->
    [one] 1 more minute
   *[other] { $minutes } more minutes
}.
login-error-throttled = Too many failed logins for this account in the last hour. Please try again later.
login-error-too-many-attempts = Too many logins are being tried from your address at once. Please wait a minute and try again.
nav-logout = Log out
nav-language = Language
field-username = Username
field-password = Password
field-first-name = First name
field-last-name = Last name
field-email = Email
field-role = Administrator role
field-departments = Support departments
field-ticket-notifications = ticket notifications
field-no-departments = No departments exist yet.

## Dashboard
dashboard-heading = Admin Dashboard
dashboard-welcome = Welcome, { $name }. You are signed in as { $role }.
dashboard-system = System
dashboard-version = Version
dashboard-database = Database
dashboard-status = Status
dashboard-healthy = Healthy
dashboard-unavailable = Unavailable
dashboard-manage-departments = Manage departments

## Departments
departments-title = Support Departments
departments-lead = Tickets are routed to departments; staff choose which departments notify them.
departments-saved = The department was saved.
departments-hidden-notice = The department is hidden: it is no longer offered anywhere. Its members keep it.
departments-shown-notice = The department is visible again.
departments-empty = No departments yet.
departments-name = Name
departments-description = Description
departments-hidden = Hidden
departments-show = Show
departments-hide = Hide
departments-show-named = Show { $name }
departments-hide-named = Hide { $name }
departments-add = Add a department
departments-add-submit = Add department
departments-edit-heading = Edit department: { $name }
departments-back = ← All departments
departments-save = Save department
departments-error-name-taken = A department named “{ $name }” already exists.

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
mail-sent = Sent
mail-queued = Queued
mail-failed = Failed
mail-failed-detail = after { $attempts ->
    [one] 1 attempt
   *[other] { $attempts } attempts
}, retrying: { $error }
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
field-language = Language
field-password-confirmation = Confirm password
password-rules = At least 12 characters, without & " ' < or >. A long password with numbers, symbols and upper- and lower-case letters is strongest.

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
link-contact = Please contact the administrator who invited you and ask for a new invitation.
link-contact-named = Please contact { $name }, who invited you, and ask for a new invitation:
link-not-found-text = The link may be incomplete; check that you copied all of it from the email.
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
mail-greeting = Hello { $first },
mail-or-link = Or open this link:
mail-invite-who = { $name } of { $organization }
mail-invite-subject = You've been invited to use Staffdesk
mail-invite-body = { $who } has invited you to the { $organization } Admin Area in Staffdesk as { $role }.
mail-invite-action-text = Accept the invitation and choose your username and password here:
mail-invite-button = Accept Invitation
mail-invite-expiry = This invitation expires on { $expiry }. If you did not expect it, you can ignore this email.
mail-reset-subject = Set a new Staffdesk password
mail-reset-body = { $who } has reset the password of your { $organization } Staffdesk account ({ $username }).
mail-reset-action-text = Choose a new password here:
mail-reset-button = Choose a new password
mail-reset-expiry = The link works once, until { $expiry }. Your old password keeps working until you choose a new one. If you did not expect this, tell { $who } or another administrator.

## Editing an administrator, and password links
common-saved = The changes were saved.
common-save-changes = Save changes
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
field-new-password = New password
field-new-password-confirmation = Confirm new password
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

## My Account
account-profile = Profile
account-signed-in-as = Username { $username } · { $role }
account-notifications = Ticket notifications
account-no-memberships = You are not in any support department yet. An administrator can add you to one.
account-notifications-help = Get an email when a ticket arrives in these departments.
account-signature = Ticket signature
account-signature-help = Plain text, added under your ticket replies. At most 1000 characters.
account-signature-preview = Preview of a reply
account-signature-sample = Thank you for contacting us. Your issue is resolved; let us know if anything else comes up.
account-current-password = Current password
account-current-password-help = Needed to save any change here.
account-change-password = Change password
account-log-out-others = Log out my other sessions
account-password-changed = Your password was changed. { $ended ->
    [0] No other session was logged out.
    [one] 1 other session was logged out.
   *[other] { $ended } other sessions were logged out.
}
account-session-ended = The session was logged out.
account-sessions = Active sessions
account-device = Device
account-ip = IP address
account-started = Started
account-last-seen = Last seen
account-this-session = This session
account-unknown-device = Unknown device
account-end-session = Log out this session
account-error-wrong-password = The current password is incorrect. Nothing was changed.

## Activity Log and login history
audit-title = Activity Log
audit-lead = Everything staff and the system did, newest first. Nothing here can be changed or deleted.
audit-export = Export CSV
audit-older = Older entries →
audit-filter = Filter
audit-from = From
audit-to = To
audit-actor = Who
audit-anyone = Anyone
audit-action = Action
audit-any-action = Any action
audit-search = Search
audit-apply = Apply
audit-clear = Clear
audit-events = Entries
audit-empty = Nothing recorded yet.
audit-time = Time
audit-target = About
audit-before = Before
audit-after = After
logins-heading = Login history: { $name }
logins-empty = No logins yet.
logins-result = Result
logins-succeeded = Succeeded
logins-failed = Failed
logins-link = Login history
audit-action-auth-login = Logged in
audit-action-auth-login-failed = Failed login
audit-action-auth-ip-banned = IP address banned
audit-action-auth-logout = Logged out
audit-action-invitation-sent = Invitation sent
audit-action-invitation-resent = Invitation resent
audit-action-invitation-cancelled = Invitation cancelled
audit-action-invitation-accepted = Invitation accepted
audit-action-invitation-expired = Invitation expired
audit-action-admin-created = Administrator created
audit-action-admin-updated = Administrator changed
audit-action-admin-disabled = Administrator disabled
audit-action-admin-enabled = Administrator enabled
audit-action-admin-password-reset-sent = Password link sent
audit-action-admin-password-reset-used = Password set with a link
audit-action-role-created = Role created
audit-action-role-updated = Role changed
audit-action-role-deleted = Role deleted
audit-action-department-created = Department created
audit-action-department-updated = Department changed
audit-action-department-hidden = Department hidden
audit-action-department-shown = Department shown
audit-action-account-updated = Own account changed
audit-action-account-password-changed = Own password changed
audit-action-account-session-ended = Session logged out
audit-action-audit-exported = Activity Log exported

## Dashboard widgets
dashboard-live = Live: updates appear without reloading.
dashboard-reconnecting = Reconnecting…
dashboard-pending = pending, not expired
dashboard-expiring = Expiring within 48 hours
dashboard-none-expiring = None expiring soon.
dashboard-manage-invitations = Manage administrators and invitations
dashboard-activity = Recent activity
dashboard-online = Staff online
dashboard-online-empty = Nobody has been active in the last 15 minutes.
dashboard-security = Failed logins and bans
dashboard-failed-logins = failed logins in the last 24 hours
dashboard-no-bans = No IP address is banned.
dashboard-banned-until = banned until
dashboard-your-departments = Your departments
dashboard-departments-empty = You are not in any support department.
dashboard-notify-on = ticket notifications on
dashboard-notify-off = ticket notifications off

# Two-factor authentication
validation-totp-code = Enter the 6-digit code from your authenticator app.
validation-second-factor = Enter the 6-digit code from your authenticator app, or one of your recovery codes (like abcd-efgh-jkmn-pqrs).
permission-admins-reset-two-factor = Reset administrators' two-factor authentication
audit-action-two-factor-enabled = Two-factor authentication turned on
audit-action-two-factor-disabled = Two-factor authentication turned off
audit-action-two-factor-reset = Two-factor authentication reset
audit-action-two-factor-codes-regenerated = Recovery codes regenerated
twofa-title = Two-factor authentication
twofa-code = Authentication code
twofa-code-or-recovery = The 6-digit code from your app, or one of your recovery codes.
twofa-error-already-on = Two-factor authentication is already on.
twofa-error-not-on = Two-factor authentication is not on.
twofa-error-no-setup = There is no set-up waiting for a code. Start the set-up again.
twofa-error-wrong-code = That code is not right, or it has already been used. Enter the current code from your app.
twofa-error-required-by-role = Your role requires two-factor authentication, so it cannot be turned off.
twofa-error-own-account = Use My Account to change your own two-factor authentication.
twofa-required-notice = Your role requires two-factor authentication. Set it up to continue.
twofa-disabled-notice = Two-factor authentication is now off.
twofa-off-heading = Two-factor authentication is off
twofa-off-help = Protect your account with a second step at login: a 6-digit code from an authenticator app on your phone (such as Google Authenticator, Microsoft Authenticator, 1Password or Aegis).
twofa-setup-start = Set up two-factor authentication
twofa-setup-heading = Set up two-factor authentication
twofa-setup-step-app = Install an authenticator app on your phone, if you have none yet.
twofa-setup-step-scan = Scan this QR code with the app.
twofa-setup-qr-label = QR code for your authenticator app
twofa-setup-manual = Or enter this key by hand:
twofa-setup-account = The app will show the account as { $account }.
twofa-setup-step-confirm = Enter the 6-digit code the app now shows, to confirm it works.
twofa-setup-confirm = Turn on two-factor authentication
twofa-setup-restart = Start again with a new key
twofa-on-heading = Two-factor authentication is on
twofa-on-badge = On
twofa-on-since = since { $since }.
twofa-codes-left = { $count ->
    [one] You have one unused recovery code.
   *[other] You have { $count } unused recovery codes.
}
twofa-regenerate-heading = Recovery codes
twofa-regenerate-help = Make a new set of 10 recovery codes. The old ones stop working at once.
twofa-regenerate-submit = Make new recovery codes
twofa-disable-heading = Turn off two-factor authentication
twofa-disable-help = Logging in will then need only your password. Confirm with your password and a code.
twofa-disable-submit = Turn off two-factor authentication
twofa-codes-title = Your recovery codes
twofa-codes-heading = Save your recovery codes
twofa-codes-help = If you lose your phone, log in with one of these codes instead of an app code. Each code works once. Keep them somewhere safe, such as a password manager.
twofa-codes-once = They are shown only this once.
twofa-codes-gone = Recovery codes are shown only once, right after they are made. To get new ones, make a new set from the two-factor page.
twofa-codes-file-heading = Staffdesk recovery codes. Each code works once.
twofa-codes-download = Download
twofa-codes-print = Print
twofa-codes-done = I have saved them
twofa-login-title = Two-factor authentication
twofa-login-help = Enter the 6-digit code from your authenticator app.
twofa-login-recovery-help = Lost your phone? Enter one of your recovery codes instead.
twofa-login-submit = Verify
twofa-login-cancel = Cancel and log in again
twofa-login-expired = Your login has expired. Enter your username and password again.
mail-twofa-reset-subject = Your Staffdesk two-factor authentication was reset
mail-twofa-reset-body = { $who } turned off two-factor authentication for your { $organization } Staffdesk account ({ $username }). You can now log in with your password alone.
mail-twofa-reset-action = Set it up again in My Account:
mail-twofa-reset-warning = If you did not ask for this, tell your administrator at once.
mail-twofa-enabled-subject = Two-factor authentication is now on for your Staffdesk account
mail-twofa-enabled-body = Two-factor authentication was turned on for your Staffdesk account ({ $username }), from the address { $ip }. From now on, logging in asks for a code from your authenticator app or a recovery code.
mail-twofa-enabled-warning = If you did not do this, someone else may be using your account: tell your administrator at once.
roles-col-two-factor = Two-factor
roles-two-factor-required = Required
roles-two-factor-optional = Optional
roles-two-factor-require = Require
roles-two-factor-unrequire = Make optional
roles-two-factor-require-named = Require two-factor authentication for { $name }
roles-two-factor-unrequire-named = Make two-factor authentication optional for { $name }
edit-admin-2fa-on = Two-factor authentication is on for this administrator.
edit-admin-2fa-off = Two-factor authentication is off for this administrator.
edit-admin-2fa-reset-text = If they lost their phone and their recovery codes, reset it: they can then log in with their password and set it up again. They are told by email.
edit-admin-2fa-reset-submit = Reset two-factor authentication
edit-admin-2fa-reset-done = Two-factor authentication was reset, and the administrator was told by email.
common-first-page = ← First page
common-next-page = Next page →
audit-export-cross-site = This export was started from another website, so it was refused. Use “Export CSV” on the Activity Log page.
audit-export-forbidden = Your administrator role does not include exporting the activity log.
error-timeout = Staffdesk took too long to answer. Please try again.
error-changed-meanwhile = Someone else changed this while you were editing. Nothing was saved: the form now shows the current values, so make your changes again.
