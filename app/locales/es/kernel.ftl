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
permission-tickets-open = Abrir tickets en nombre de solicitantes
permission-tickets-change = Cambiar estado, prioridad y departamento de tickets
permission-tickets-assign = Asignar tickets
permission-tickets-all-departments = Ver tickets de todos los departamentos
permission-clients-view = Ver clientes
permission-clients-manage = Gestionar clientes
permission-clients-services = Gestionar servicios de clientes
permission-clients-invoices = Gestionar facturas y registrar pagos
permission-clients-notes = Ver y escribir notas de clientes
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

## Administradores e invitaciones
mail-sent = Enviado
mail-queued = En cola
mail-failed = Fallido
mail-failed-detail = tras { $attempts ->
    [one] 1 intento
   *[other] { $attempts } intentos
}, se reintentará: { $error }
field-language = Idioma
field-password-confirmation = Confirmar contraseña
password-rules = Al menos 12 caracteres, sin & " ' < ni >. Una contraseña larga con números, símbolos y mayúsculas y minúsculas es la más segura.

## Aceptar una invitación y enlaces secretos
link-contact = Póngase en contacto con el administrador que le invitó y pídale una nueva invitación.
link-contact-named = Póngase en contacto con { $name }, que le invitó, y pídale una nueva invitación:
link-not-found-text = Puede que el enlace esté incompleto; compruebe que lo ha copiado entero del correo.

## Correos
mail-greeting = Hola, { $first }:
mail-or-link = O abra este enlace:

## Editar un administrador y enlaces de contraseña
common-saved = Se han guardado los cambios.
common-save-changes = Guardar cambios
field-new-password = Nueva contraseña
field-new-password-confirmation = Confirmar nueva contraseña

## Autenticación en dos pasos
validation-totp-code = Introduzca el código de 6 dígitos de su aplicación de autenticación.
validation-second-factor = Introduzca el código de 6 dígitos de su aplicación de autenticación, o uno de sus códigos de recuperación (como abcd-efgh-jkmn-pqrs).
permission-admins-reset-two-factor = Restablecer la autenticación en dos pasos de los administradores
common-first-page = ← Primera página
common-next-page = Página siguiente →
error-timeout = Staffdesk tardó demasiado en responder. Inténtelo de nuevo.
error-changed-meanwhile = Otra persona cambió esto mientras usted lo editaba. No se guardó nada: el formulario muestra ahora los valores actuales; vuelva a hacer sus cambios.
permission-tickets-predefined-replies = Gestionar respuestas predefinidas
validation-amount-format = Introduzca un importe como 12.50, con { $decimals } decimales como máximo.
validation-negative-amount = El importe no puede ser negativo.
validation-amount-too-large = El importe es demasiado grande.
validation-unknown-country = Elija un país de la lista.
validation-unknown-currency = Elija una moneda de la lista (un código como USD o EUR).
validation-date-format = Introduzca una fecha como 2026-12-31.
validation-date-time-format = Introduzca una fecha y hora como 2026-12-31 14:30 (UTC).
validation-due-before-issue = La fecha de vencimiento no puede ser anterior a la fecha de la factura.
validation-phone-format = Un número de teléfono solo puede contener dígitos, espacios y + - ( ) .
validation-domain-format = Introduzca un nombre de dominio como example.com.
validation-out-of-range = Introduzca un número entre { $min } y { $max }.
validation-zero-amount = El importe debe ser mayor que cero.
validation-end-before-start = La fecha final no puede ser anterior a la inicial.
validation-range-too-long = Elija un periodo de { $max } días como máximo.
