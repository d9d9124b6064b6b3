## Navegación y marco de la página
nav-dashboard = Panel

## Errores
error-not-found = La página o el registro que ha pedido no existe.
error-unauthenticated = Su sesión ha terminado. Vuelva a iniciar sesión.
error-forbidden = Su rol de administrador no incluye el permiso «{ $permission }». Pídaselo a un Administrador total si lo necesita.
error-busy = El servidor está ocupado en este momento. Inténtelo de nuevo en un instante.
error-internal-reference = Algo ha fallado por nuestra parte. Inténtelo de nuevo; si vuelve a ocurrir, indique la referencia { $reference }.
error-bad-request = El formulario estaba incompleto o mal formado. Recargue la página e inténtelo de nuevo.
error-network = No se pudo contactar con el servidor. Compruebe su conexión e inténtelo de nuevo.
error-internal = Algo ha fallado por nuestra parte. Inténtelo de nuevo.

## Validación
validation-required = Este campo es obligatorio.
validation-too-long = Como máximo { $max } caracteres.
validation-control-character = No puede contener caracteres de control.
validation-invisible-character = No puede contener caracteres invisibles ni de dirección del texto.
validation-email-format = Escriba una dirección de correo como nombre@example.com.
validation-username-start = Un nombre de usuario debe empezar por una letra (A–Z o a–z).
validation-username-characters = Un nombre de usuario solo puede contener letras (A–Z, a–z) y dígitos, sin espacios ni caracteres especiales.
validation-password-too-short = Use al menos { $min } caracteres.
validation-password-too-long = Use como máximo { $max } bytes.
validation-password-forbidden = Una contraseña no puede contener los caracteres & " ' < ni >.
validation-password-common = Esta contraseña es demasiado común. Elija una más difícil de adivinar.
validation-passwords-differ = Las dos contraseñas no coinciden.
validation-permission-needs = «{ $permission }» requiere «{ $requires }». Marque ambos o ninguno.
validation-unknown-permission = Elija entre los permisos de la lista.
validation-unknown-choice = Elija una de las opciones de la lista.

## Permisos y sus áreas
permission-admins-view = Ver administradores
permission-admins-manage = Gestionar administradores
permission-invitations-send = Enviar invitaciones
permission-roles-manage = Gestionar roles de administrador
permission-departments-view = Ver departamentos de soporte
permission-departments-manage = Gestionar departamentos de soporte
permission-settings-manage = Gestionar la configuración
permission-audit-view = Ver el registro de actividad
permission-audit-export = Exportar el registro de actividad
permission-security-bans = Gestionar bloqueos de acceso
permission-tickets-view = Ver tickets de soporte
permission-tickets-reply = Responder tickets de soporte
permission-clients-view = Ver clientes
permission-clients-manage = Gestionar clientes
permission-reports-view = Ver informes
area-staff = Personal y roles
area-invitations = Invitaciones
area-departments = Departamentos
area-settings = Configuración
area-audit-log = Registro de actividad
area-support = Soporte
area-clients = Clientes
area-reports = Informes

## Formularios
form-optional = (opcional)
form-strength-weak = Débil: use una contraseña más larga.
form-strength-fair = Aceptable: más larga, con números, símbolos y mayúsculas y minúsculas, es más fuerte.
form-strength-strong = Contraseña fuerte.

## Palabras comunes
common-loading = Cargando…
common-actions = Acciones
common-edit = Editar
common-edit-named = Editar { $name }
common-to-dashboard = Ir al panel

## Roles
roles-title = Roles de administrador
roles-add = Añadir un rol
roles-lead = Un rol es el conjunto de permisos de sus administradores. Cada administrador tiene exactamente un rol.
roles-created = Se ha creado el rol.
roles-saved = Se ha guardado el rol. Los administradores que lo tienen disponen de los nuevos permisos desde su próximo clic.
roles-deleted = Se ha eliminado el rol.
roles-every-permission = Todos los permisos, incluidos los que añadan futuras versiones
roles-no-permissions = Sin permisos
roles-heading = Roles
roles-col-role = Rol
roles-col-admins = Administradores
roles-col-permissions = Permisos
roles-built-in = Predefinido
roles-duplicate = Duplicar
roles-duplicate-named = Duplicar { $name }
roles-delete = Eliminar
roles-delete-named = Eliminar { $name }
roles-edit-heading = Editar rol: { $name }
roles-name = Nombre del rol
roles-built-in-name = Los roles predefinidos conservan su nombre.
roles-in-use = { $count ->
    [0] Ningún administrador tiene este rol todavía.
    [one] 1 administrador tiene este rol; los cambios se le aplican de inmediato.
   *[other] { $count } administradores tienen este rol; los cambios se les aplican de inmediato.
}
roles-back = ← Todos los roles
roles-save = Guardar rol
roles-create = Crear rol
roles-needs = Requiere: { $names }
roles-copy-of = Copia de { $name }
roles-error-name-taken = Ya existe un rol llamado «{ $name }».
roles-error-full-locked = Administrador total siempre tiene todos los permisos; no se puede editar ni eliminar.
roles-error-built-in-delete = Los roles predefinidos no se pueden eliminar. Quite sus permisos si nadie debe usarlos.
roles-error-own-role = No puede cambiar ni eliminar el rol que usted mismo tiene. Pídaselo a otro administrador.
roles-error-not-yours = Solo puede conceder permisos que usted mismo tiene, y su rol no incluye «{ $permission }».
roles-error-in-use = Este rol no se puede eliminar: { $admins ->
    [0] { $invitations ->
        [one] 1 invitación pendiente lo ofrece
       *[other] { $invitations } invitaciones pendientes lo ofrecen
    }
    [one] 1 administrador lo usa{ $invitations ->
        [0] {""}
        [one] {" "}y 1 invitación pendiente lo ofrece
       *[other] {" "}y { $invitations } invitaciones pendientes lo ofrecen
    }
   *[other] { $admins } administradores lo usan{ $invitations ->
        [0] {""}
        [one] {" "}y 1 invitación pendiente lo ofrece
       *[other] {" "}y { $invitations } invitaciones pendientes lo ofrecen
    }
}. Asígneles otro rol primero.

## Marco de la página
nav-admins = Administradores
nav-roles = Roles
nav-departments = Departamentos
nav-account = Cuenta
nav-my-account = Mi cuenta
nav-skip = Saltar al contenido
app-tagline = Área de administración del personal
notfound-title = Página no encontrada
notfound-text = No hay ninguna página en esta dirección. Puede que se haya movido o que el enlace esté mal escrito.
errorpage-title = Algo ha fallado
errorpage-heading = No se puede mostrar esta página
errorpage-forbidden-title = Acceso denegado

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
nav-logout = Cerrar sesión
nav-language = Idioma
field-username = Nombre de usuario
field-password = Contraseña
field-first-name = Nombre
field-last-name = Apellidos
field-email = Correo electrónico
field-role = Rol de administrador
field-departments = Departamentos de soporte
field-ticket-notifications = avisos de tickets
field-no-departments = Todavía no hay departamentos.

## Panel
dashboard-heading = Panel de administración
dashboard-welcome = Hola, { $name }. Ha iniciado sesión como { $role }.
dashboard-system = Sistema
dashboard-version = Versión
dashboard-database = Base de datos
dashboard-status = Estado
dashboard-healthy = Correcto
dashboard-unavailable = No disponible
dashboard-manage-departments = Gestionar departamentos

## Departamentos
departments-title = Departamentos de soporte
departments-lead = Los tickets se asignan a departamentos; el personal elige qué departamentos le avisan.
departments-saved = Se ha guardado el departamento.
departments-hidden-notice = El departamento está oculto: ya no se ofrece en ningún sitio. Sus miembros lo conservan.
departments-shown-notice = El departamento vuelve a estar visible.
departments-empty = Todavía no hay departamentos.
departments-name = Nombre
departments-description = Descripción
departments-hidden = Oculto
departments-show = Mostrar
departments-hide = Ocultar
departments-show-named = Mostrar { $name }
departments-hide-named = Ocultar { $name }
departments-add = Añadir un departamento
departments-add-submit = Añadir departamento
departments-edit-heading = Editar departamento: { $name }
departments-back = ← Todos los departamentos
departments-save = Guardar departamento
departments-error-name-taken = Ya existe un departamento llamado «{ $name }».

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
mail-sent = Enviado
mail-queued = En cola
mail-failed = Fallido
mail-failed-detail = tras { $attempts ->
    [one] 1 intento
   *[other] { $attempts } intentos
}, se reintentará: { $error }
invite-title = Añadir un administrador
invite-lead = El nuevo administrador recibe un correo con un enlace para elegir su nombre de usuario y su contraseña.
invite-username-help = Déjelo vacío para que lo elija la persona invitada. Empieza por una letra; solo letras y dígitos.
invite-submit = Enviar invitación
invite-error-email-is-admin = Ya existe un administrador con esta dirección de correo.
invite-error-pending = Esta dirección de correo ya tiene una invitación pendiente. Use «Reenviar» en la lista de invitaciones pendientes (invitación n.º { $id }) para enviar un enlace nuevo.
invite-error-username-taken = Este nombre de usuario ya está en uso.
invite-error-unknown-role = Elija uno de los roles de la lista.
invite-error-unknown-department = Elija entre los departamentos de la lista.
invite-error-not-pending-accepted = Esta invitación ya no se puede cambiar: fue aceptada.
invite-error-not-pending-cancelled = Esta invitación ya no se puede cambiar: fue cancelada o sustituida.
invite-error-not-pending-replaced = Esta invitación ya no se puede cambiar: una invitación más reciente la sustituyó.
invite-error-not-pending-changed = Esta invitación ya no se puede cambiar: otra persona la ha modificado entretanto.
field-language = Idioma
field-password-confirmation = Confirmar contraseña
password-rules = Al menos 12 caracteres, sin & " ' < ni >. Una contraseña larga con números, símbolos y mayúsculas y minúsculas es la más segura.

## Aceptar una invitación y enlaces secretos
accept-title = Aceptar invitación
accept-heading = Acepte su invitación
accept-invited = { $name }, está invitado al área de administración de { $organization } como { $role }.
accept-account = Su cuenta usará { $email }. Esta invitación caduca el { $expires }.
accept-username-preset = Elegido por el administrador que le invitó.
accept-username-help = Empieza por una letra; solo letras (A–Z, a–z) y dígitos, sin espacios.
accept-submit = Crear cuenta
accept-error-username-taken = Este nombre de usuario ya está en uso. Elija otro.
accept-error-email-is-admin = Ya existe una cuenta de administrador para esta dirección de correo. Inicie sesión en su lugar.
accept-error-contact = Pida una nueva invitación a { $name } ({ $email }).
link-contact = Póngase en contacto con el administrador que le invitó y pídale una nueva invitación.
link-contact-named = Póngase en contacto con { $name }, que le invitó, y pídale una nueva invitación:
link-not-found-text = Puede que el enlace esté incompleto; compruebe que lo ha copiado entero del correo.
link-invite-not-found-title = Este enlace de invitación no es válido
link-invite-expired-title = Esta invitación ha caducado
link-invite-cancelled-title = Esta invitación fue cancelada
link-invite-superseded-title = Una invitación más reciente sustituyó a esta
link-invite-used-title = Esta invitación ya se utilizó
link-invite-expired-text = Las invitaciones solo se pueden usar durante un tiempo limitado.
link-invite-cancelled-text = El administrador que le invitó retiró esta invitación.
link-invite-superseded-text = Se le ha enviado un nuevo correo de invitación; use el enlace del más reciente.
link-invite-used-text = Ya se creó una cuenta con ella. Si fue usted, inicie sesión.

## Correos
mail-greeting = Hola, { $first }:
mail-or-link = O abra este enlace:
mail-invite-who = { $name } de { $organization }
mail-invite-subject = Le han invitado a usar Staffdesk
mail-invite-body = { $who } le ha invitado al área de administración de { $organization } en Staffdesk como { $role }.
mail-invite-action-text = Acepte la invitación y elija su nombre de usuario y su contraseña aquí:
mail-invite-button = Aceptar invitación
mail-invite-expiry = Esta invitación caduca el { $expiry }. Si no la esperaba, puede ignorar este correo.
mail-reset-subject = Establezca una nueva contraseña de Staffdesk
mail-reset-body = { $who } ha restablecido la contraseña de su cuenta de Staffdesk en { $organization } ({ $username }).
mail-reset-action-text = Elija una nueva contraseña aquí:
mail-reset-button = Elegir una nueva contraseña
mail-reset-expiry = El enlace funciona una vez, hasta el { $expiry }. Su contraseña anterior sigue funcionando hasta que elija una nueva. Si no lo esperaba, avise a { $who } o a otro administrador.

## Editar un administrador y enlaces de contraseña
common-saved = Se han guardado los cambios.
common-save-changes = Guardar cambios
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
field-new-password = Nueva contraseña
field-new-password-confirmation = Confirmar nueva contraseña
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

## Mi cuenta
account-profile = Perfil
account-signed-in-as = Usuario { $username } · { $role }
account-notifications = Avisos de tickets
account-no-memberships = Todavía no pertenece a ningún departamento de soporte. Un administrador puede añadirle a uno.
account-notifications-help = Reciba un correo cuando llegue un ticket a estos departamentos.
account-signature = Firma de tickets
account-signature-help = Texto sin formato que se añade bajo sus respuestas a tickets. Como máximo 1000 caracteres.
account-signature-preview = Vista previa de una respuesta
account-signature-sample = Gracias por escribirnos. Su incidencia está resuelta; avísenos si surge cualquier otra cosa.
account-current-password = Contraseña actual
account-current-password-help = Necesaria para guardar cualquier cambio aquí.
account-change-password = Cambiar contraseña
account-log-out-others = Cerrar mis otras sesiones
account-password-changed = Se ha cambiado su contraseña. { $ended ->
    [0] No se ha cerrado ninguna otra sesión.
    [one] Se ha cerrado 1 otra sesión.
   *[other] Se han cerrado { $ended } otras sesiones.
}
account-session-ended = Se ha cerrado la sesión.
account-sessions = Sesiones activas
account-device = Dispositivo
account-ip = Dirección IP
account-started = Inicio
account-last-seen = Última actividad
account-this-session = Esta sesión
account-unknown-device = Dispositivo desconocido
account-end-session = Cerrar esta sesión
account-error-wrong-password = La contraseña actual no es correcta. No se ha cambiado nada.

## Registro de actividad e historial de accesos
audit-title = Registro de actividad
audit-lead = Todo lo que han hecho el personal y el sistema, lo más reciente primero. Aquí no se puede cambiar ni eliminar nada.
audit-export = Exportar CSV
audit-older = Entradas anteriores →
audit-filter = Filtro
audit-from = Desde
audit-to = Hasta
audit-actor = Quién
audit-anyone = Cualquiera
audit-action = Acción
audit-any-action = Cualquier acción
audit-search = Buscar
audit-apply = Aplicar
audit-clear = Limpiar
audit-events = Entradas
audit-empty = Todavía no hay nada registrado.
audit-time = Hora
audit-target = Sobre
audit-before = Antes
audit-after = Después
logins-heading = Historial de accesos: { $name }
logins-empty = Todavía no hay accesos.
logins-result = Resultado
logins-succeeded = Correcto
logins-failed = Fallido
logins-link = Historial de accesos
audit-action-auth-login = Inicio de sesión
audit-action-auth-login-failed = Inicio de sesión fallido
audit-action-auth-ip-banned = Dirección IP bloqueada
audit-action-auth-logout = Cierre de sesión
audit-action-invitation-sent = Invitación enviada
audit-action-invitation-resent = Invitación reenviada
audit-action-invitation-cancelled = Invitación cancelada
audit-action-invitation-accepted = Invitación aceptada
audit-action-invitation-expired = Invitación caducada
audit-action-admin-created = Administrador creado
audit-action-admin-updated = Administrador modificado
audit-action-admin-disabled = Administrador desactivado
audit-action-admin-enabled = Administrador activado
audit-action-admin-password-reset-sent = Enlace de contraseña enviado
audit-action-admin-password-reset-used = Contraseña establecida con un enlace
audit-action-role-created = Rol creado
audit-action-role-updated = Rol modificado
audit-action-role-deleted = Rol eliminado
audit-action-department-created = Departamento creado
audit-action-department-updated = Departamento modificado
audit-action-department-hidden = Departamento ocultado
audit-action-department-shown = Departamento mostrado
audit-action-account-updated = Cuenta propia modificada
audit-action-account-password-changed = Contraseña propia cambiada
audit-action-account-session-ended = Sesión cerrada
audit-action-audit-exported = Registro de actividad exportado

## Widgets del panel
dashboard-live = En directo: los cambios aparecen sin recargar.
dashboard-reconnecting = Reconectando…
dashboard-pending = pendientes, sin caducar
dashboard-expiring = Caducan en las próximas 48 horas
dashboard-none-expiring = Ninguna caduca pronto.
dashboard-manage-invitations = Gestionar administradores e invitaciones
dashboard-activity = Actividad reciente
dashboard-online = Personal conectado
dashboard-online-empty = Nadie ha estado activo en los últimos 15 minutos.
dashboard-security = Accesos fallidos y bloqueos
dashboard-failed-logins = accesos fallidos en las últimas 24 horas
dashboard-no-bans = No hay ninguna dirección IP bloqueada.
dashboard-banned-until = bloqueada hasta
dashboard-your-departments = Sus departamentos
dashboard-departments-empty = No pertenece a ningún departamento de soporte.
dashboard-notify-on = avisos de tickets activados
dashboard-notify-off = avisos de tickets desactivados

# Autenticación en dos pasos
validation-totp-code = Introduzca el código de 6 dígitos de su aplicación de autenticación.
validation-second-factor = Introduzca el código de 6 dígitos de su aplicación de autenticación, o uno de sus códigos de recuperación (como abcd-efgh-jkmn-pqrs).
permission-admins-reset-two-factor = Restablecer la autenticación en dos pasos de los administradores
audit-action-two-factor-enabled = Autenticación en dos pasos activada
audit-action-two-factor-disabled = Autenticación en dos pasos desactivada
audit-action-two-factor-reset = Autenticación en dos pasos restablecida
audit-action-two-factor-codes-regenerated = Códigos de recuperación regenerados
twofa-title = Autenticación en dos pasos
twofa-code = Código de verificación
twofa-code-or-recovery = El código de 6 dígitos de su aplicación, o uno de sus códigos de recuperación.
twofa-error-already-on = La autenticación en dos pasos ya está activada.
twofa-error-not-on = La autenticación en dos pasos no está activada.
twofa-error-no-setup = No hay ninguna configuración esperando un código. Empiece la configuración de nuevo.
twofa-error-wrong-code = Ese código no es correcto o ya se ha usado. Introduzca el código actual de su aplicación.
twofa-error-required-by-role = Su rol exige la autenticación en dos pasos, así que no se puede desactivar.
twofa-error-own-account = Use Mi cuenta para cambiar su propia autenticación en dos pasos.
twofa-required-notice = Su rol exige la autenticación en dos pasos. Configúrela para continuar.
twofa-disabled-notice = La autenticación en dos pasos está ahora desactivada.
twofa-off-heading = La autenticación en dos pasos está desactivada
twofa-off-help = Proteja su cuenta con un segundo paso al iniciar sesión: un código de 6 dígitos de una aplicación de autenticación en su teléfono (como Google Authenticator, Microsoft Authenticator, 1Password o Aegis).
twofa-setup-start = Configurar la autenticación en dos pasos
twofa-setup-heading = Configurar la autenticación en dos pasos
twofa-setup-step-app = Instale una aplicación de autenticación en su teléfono, si aún no tiene ninguna.
twofa-setup-step-scan = Escanee este código QR con la aplicación.
twofa-setup-qr-label = Código QR para su aplicación de autenticación
twofa-setup-manual = O introduzca esta clave a mano:
twofa-setup-account = La aplicación mostrará la cuenta como { $account }.
twofa-setup-step-confirm = Introduzca el código de 6 dígitos que muestra ahora la aplicación, para confirmar que funciona.
twofa-setup-confirm = Activar la autenticación en dos pasos
twofa-setup-restart = Empezar de nuevo con otra clave
twofa-on-heading = La autenticación en dos pasos está activada
twofa-on-badge = Activada
twofa-on-since = desde { $since }.
twofa-codes-left = { $count ->
    [one] Le queda un código de recuperación sin usar.
   *[other] Le quedan { $count } códigos de recuperación sin usar.
}
twofa-regenerate-heading = Códigos de recuperación
twofa-regenerate-help = Cree 10 códigos de recuperación nuevos. Los anteriores dejan de funcionar al instante.
twofa-regenerate-submit = Crear códigos de recuperación nuevos
twofa-disable-heading = Desactivar la autenticación en dos pasos
twofa-disable-help = Para iniciar sesión bastará entonces con su contraseña. Confirme con su contraseña y un código.
twofa-disable-submit = Desactivar la autenticación en dos pasos
twofa-codes-title = Sus códigos de recuperación
twofa-codes-heading = Guarde sus códigos de recuperación
twofa-codes-help = Si pierde su teléfono, inicie sesión con uno de estos códigos en lugar de un código de la aplicación. Cada código funciona una vez. Guárdelos en un lugar seguro, como un gestor de contraseñas.
twofa-codes-once = Solo se muestran esta vez.
twofa-codes-gone = Los códigos de recuperación solo se muestran una vez, justo después de crearlos. Para obtener otros, cree un juego nuevo en la página de autenticación en dos pasos.
twofa-codes-file-heading = Códigos de recuperación de Staffdesk. Cada código funciona una vez.
twofa-codes-download = Descargar
twofa-codes-print = Imprimir
twofa-codes-done = Ya los he guardado
twofa-login-title = Autenticación en dos pasos
twofa-login-help = Introduzca el código de 6 dígitos de su aplicación de autenticación.
twofa-login-recovery-help = ¿Ha perdido su teléfono? Introduzca uno de sus códigos de recuperación.
twofa-login-submit = Verificar
twofa-login-cancel = Cancelar e iniciar sesión de nuevo
twofa-login-expired = Su inicio de sesión ha caducado. Introduzca de nuevo su usuario y contraseña.
mail-twofa-reset-subject = Se ha restablecido su autenticación en dos pasos de Staffdesk
mail-twofa-reset-body = { $who } ha desactivado la autenticación en dos pasos de su cuenta de Staffdesk en { $organization } ({ $username }). Ahora puede iniciar sesión solo con su contraseña.
mail-twofa-reset-action = Vuelva a configurarla en Mi cuenta:
mail-twofa-reset-warning = Si no lo ha pedido usted, avise de inmediato a su administrador.
mail-twofa-enabled-subject = La autenticación en dos pasos está activada en su cuenta de Staffdesk
mail-twofa-enabled-body = Se activó la autenticación en dos pasos en su cuenta de Staffdesk ({ $username }) desde la dirección { $ip }. A partir de ahora, el acceso le pedirá un código de su aplicación de autenticación o un código de recuperación.
mail-twofa-enabled-warning = Si no fue usted, es posible que otra persona esté usando su cuenta: avise a su administrador de inmediato.
roles-col-two-factor = Dos pasos
roles-two-factor-required = Obligatoria
roles-two-factor-optional = Opcional
roles-two-factor-require = Exigir
roles-two-factor-unrequire = Hacer opcional
roles-two-factor-require-named = Exigir la autenticación en dos pasos para { $name }
roles-two-factor-unrequire-named = Hacer opcional la autenticación en dos pasos para { $name }
edit-admin-2fa-on = La autenticación en dos pasos está activada para este administrador.
edit-admin-2fa-off = La autenticación en dos pasos está desactivada para este administrador.
edit-admin-2fa-reset-text = Si ha perdido su teléfono y sus códigos de recuperación, restablézcala: podrá iniciar sesión con su contraseña y configurarla de nuevo. Se le avisa por correo.
edit-admin-2fa-reset-submit = Restablecer la autenticación en dos pasos
edit-admin-2fa-reset-done = Se ha restablecido la autenticación en dos pasos y se ha avisado al administrador por correo.
common-first-page = ← Primera página
common-next-page = Página siguiente →
audit-export-cross-site = Esta exportación se inició desde otro sitio web y por eso se rechazó. Use «Exportar CSV» en el registro de actividad.
audit-export-forbidden = Su rol de administrador no incluye exportar el registro de actividad.
error-timeout = Staffdesk tardó demasiado en responder. Inténtelo de nuevo.
error-changed-meanwhile = Otra persona cambió esto mientras usted lo editaba. No se guardó nada: el formulario muestra ahora los valores actuales; vuelva a hacer sus cambios.
