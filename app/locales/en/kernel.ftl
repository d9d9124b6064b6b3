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
permission-tickets-open = Open tickets for requesters
permission-tickets-change = Change ticket status, priority and department
permission-tickets-assign = Assign tickets
permission-tickets-all-departments = View tickets in all departments
permission-clients-view = View clients
permission-clients-manage = Manage clients
permission-clients-services = Manage client services
permission-clients-invoices = Manage invoices and record payments
permission-clients-notes = View and write client notes
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

## Administrators and invitations
mail-sent = Sent
mail-queued = Queued
mail-failed = Failed
mail-failed-detail = after { $attempts ->
    [one] 1 attempt
   *[other] { $attempts } attempts
}, retrying: { $error }
field-language = Language
field-password-confirmation = Confirm password
password-rules = At least 12 characters, without & " ' < or >. A long password with numbers, symbols and upper- and lower-case letters is strongest.

## Accepting an invitation, and secret links
link-contact = Please contact the administrator who invited you and ask for a new invitation.
link-contact-named = Please contact { $name }, who invited you, and ask for a new invitation:
link-not-found-text = The link may be incomplete; check that you copied all of it from the email.

## Emails
mail-greeting = Hello { $first },
mail-or-link = Or open this link:

## Editing an administrator, and password links
common-saved = The changes were saved.
common-save-changes = Save changes
field-new-password = New password
field-new-password-confirmation = Confirm new password

## Two-factor authentication
validation-totp-code = Enter the 6-digit code from your authenticator app.
validation-second-factor = Enter the 6-digit code from your authenticator app, or one of your recovery codes (like abcd-efgh-jkmn-pqrs).
permission-admins-reset-two-factor = Reset administrators' two-factor authentication
common-first-page = ← First page
common-next-page = Next page →
error-timeout = Staffdesk took too long to answer. Please try again.
error-changed-meanwhile = Someone else changed this while you were editing. Nothing was saved: the form now shows the current values, so make your changes again.
permission-tickets-predefined-replies = Manage predefined replies
validation-amount-format = Enter an amount like 12.50, with at most { $decimals } decimals.
validation-negative-amount = The amount cannot be negative.
validation-amount-too-large = The amount is too large.
validation-unknown-country = Choose a country from the list.
validation-unknown-currency = Choose a currency from the list (a code like USD or EUR).
validation-date-format = Enter a date like 2026-12-31.
validation-date-time-format = Enter a date and time like 2026-12-31 14:30 (UTC).
validation-due-before-issue = The due date cannot be before the invoice date.
validation-phone-format = A phone number may contain digits, spaces and + - ( ) . only.
validation-domain-format = Enter a domain name like example.com.
validation-out-of-range = Enter a number from { $min } to { $max }.
validation-zero-amount = The amount must be more than zero.
validation-end-before-start = The end date cannot be before the start date.
validation-range-too-long = Choose a range of at most { $max } days.
