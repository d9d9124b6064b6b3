## Administradores e invitaciones
admins-invited = Invitación enviada. El correo está en camino.
admins-resent = Se ha enviado un nuevo enlace de invitación; el anterior ya no funciona.
admins-cancelled = Se ha cancelado la invitación; su enlace ya no funciona.
admins-disabled-notice = Se ha desactivado al administrador y se han cerrado todas sus sesiones.
admins-enabled-notice = Se ha activado al administrador y puede volver a iniciar sesión.
admins-staff = Personal
admins-last-login = Último acceso
admins-disabled = Desactivado
admins-never = Nunca
admins-enable = Activar
admins-disable = Desactivar
admins-pending = Invitaciones pendientes
admins-no-pending = No hay invitaciones pendientes.
admins-invited-by = Invitado por
admins-invited-by-system = Staffdesk (sistema)
admins-sent = Enviada
admins-expires = Caduca
admins-mail-status = Estado del correo
admins-expired = Caducada
admins-resend = Reenviar
admins-resend-named = Reenviar la invitación para { $email }
admins-cancel = Cancelar
admins-cancel-named = Cancelar la invitación para { $email }

## Correos
mail-reset-subject = Establezca una nueva contraseña de Staffdesk
mail-reset-body = { $who } ha restablecido la contraseña de su cuenta de Staffdesk en { $organization } ({ $username }).
mail-reset-action-text = Elija una nueva contraseña aquí:
mail-reset-button = Elegir una nueva contraseña
mail-reset-expiry = El enlace funciona una vez, hasta el { $expiry }. Su contraseña anterior sigue funcionando hasta que elija una nueva. Si no lo esperaba, avise a { $who } o a otro administrador.

## Editar un administrador y enlaces de contraseña
edit-admin-reset-sent = Se ha enviado por correo un enlace para establecer la contraseña. Funciona una vez, durante 24 horas.
edit-admin-enable = Activar cuenta
edit-admin-disable = Desactivar cuenta
edit-admin-back = ← Todos los administradores
edit-admin-username-fixed = Los nombres de usuario no se pueden cambiar.
edit-admin-own-role = No puede cambiar su propio rol.
edit-admin-roles-offered = Solo se ofrecen roles cuyos permisos tiene usted.
edit-admin-reset-text = Envíele por correo un enlace de un solo uso para elegir una nueva contraseña. Funciona durante 24 horas; su contraseña actual sigue funcionando hasta entonces.
edit-admin-reset-submit = Enviar enlace para restablecer la contraseña
edit-admin-status = Estado de la cuenta
edit-admin-disabled-text = Esta cuenta está desactivada: no puede iniciar sesión. Al activarla, podrá volver a entrar con su contraseña.
edit-admin-enabled-text = Desactivar cierra todas sus sesiones e impide que vuelva a entrar. Su historial se conserva.
admins-error-own-account = No puede desactivar su propia cuenta.
admins-error-own-role = No puede cambiar su propio rol. Pídaselo a otro administrador.
admins-error-own-email = Cambie su propia dirección de correo en Mi cuenta, donde su contraseña actual la confirma.
admins-error-last-full = Este es el último Administrador total activo. Dé primero el rol de Administrador total a otro administrador.
admins-error-superior = El rol de este administrador incluye «{ $permission }», y el suyo no. Solo un administrador con todos sus permisos puede cambiar su cuenta.
admins-error-not-yours = Solo puede asignar roles cuyos permisos tiene usted, y su rol no incluye «{ $permission }».
admins-error-email-taken = Otro administrador ya usa esta dirección de correo.
admins-error-disabled = Esta cuenta está desactivada. Actívela antes de enviar un enlace de contraseña.
reset-title = Elija una nueva contraseña
reset-for = { $name }, elija una nueva contraseña para su cuenta { $username }.
reset-expiry = Este enlace funciona una vez, hasta el { $expires }. Al establecer una contraseña se cierran todas sus sesiones.
reset-to-login = Ir al inicio de sesión
reset-submit = Establecer contraseña
link-reset-not-found-title = Este enlace de contraseña no es válido
link-reset-expired-title = Este enlace de contraseña ha caducado
link-reset-superseded-title = Un enlace de contraseña más reciente sustituyó a este
link-reset-used-title = Este enlace de contraseña ya se utilizó
link-reset-disabled-title = Esta cuenta está desactivada
link-reset-expired-text = Los enlaces de contraseña funcionan durante 24 horas. Pida a un administrador que le envíe uno nuevo.
link-reset-superseded-text = Se le ha enviado un correo más reciente; use el enlace del más nuevo.
link-reset-used-text = Su contraseña ya se estableció con él. Inicie sesión o pida un enlace nuevo a un administrador.
link-reset-disabled-text = Pida primero a un administrador que active su cuenta.

## Autenticación en dos pasos
edit-admin-2fa-on = La autenticación en dos pasos está activada para este administrador.
edit-admin-2fa-off = La autenticación en dos pasos está desactivada para este administrador.
edit-admin-2fa-reset-text = Si ha perdido su teléfono y sus códigos de recuperación, restablézcala: podrá iniciar sesión con su contraseña y configurarla de nuevo. Se le avisa por correo.
edit-admin-2fa-reset-submit = Restablecer la autenticación en dos pasos
edit-admin-2fa-reset-done = Se ha restablecido la autenticación en dos pasos y se ha avisado al administrador por correo.
