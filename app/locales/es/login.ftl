## Inicio de sesión
login-title = Iniciar sesión
login-heading = Iniciar sesión en Staffdesk
login-password-set = Su nueva contraseña está establecida. Inicie sesión con ella.
login-submit = Iniciar sesión
login-error-invalid = El nombre de usuario o la contraseña no son correctos.
login-error-banned = Demasiados intentos fallidos desde su dirección. El acceso desde ella está bloqueado { $minutes ->
    [one] 1 minuto más
   *[other] { $minutes } minutos más
}.
login-error-throttled = Demasiados intentos fallidos para esta cuenta en la última hora. Inténtelo más tarde.
login-error-too-many-attempts = Se están intentando demasiados accesos a la vez desde su dirección. Espere un minuto e inténtelo de nuevo.
