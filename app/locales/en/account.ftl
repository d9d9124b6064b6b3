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
account-tickets-newest-first = Show a ticket's messages newest first
