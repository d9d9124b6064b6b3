## Anmeldung
login-title = Anmelden
login-heading = Bei Staffdesk anmelden
login-password-set = Ihr neues Passwort ist gesetzt. Melden Sie sich damit an.
login-submit = Anmelden
login-error-invalid = Benutzername oder Passwort ist falsch.
login-error-banned = Zu viele fehlgeschlagene Anmeldungen von Ihrer Adresse. Anmeldungen von ihr sind noch { $minutes ->
    [one] 1 Minute
   *[other] { $minutes } Minuten
} gesperrt.
login-error-throttled = Zu viele fehlgeschlagene Anmeldungen für dieses Konto in der letzten Stunde. Bitte versuchen Sie es später erneut.
login-error-too-many-attempts = Von Ihrer Adresse werden gerade zu viele Anmeldungen gleichzeitig versucht. Bitte warten Sie eine Minute und versuchen Sie es erneut.
