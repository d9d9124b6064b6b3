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
