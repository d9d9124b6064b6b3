## Administradores e invitaciones
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
mail-invite-who = { $name } de { $organization }
mail-invite-subject = Le han invitado a usar Staffdesk
mail-invite-body = { $who } le ha invitado al área de administración de { $organization } en Staffdesk como { $role }.
mail-invite-action-text = Acepte la invitación y elija su nombre de usuario y su contraseña aquí:
mail-invite-button = Aceptar invitación
mail-invite-expiry = Esta invitación caduca el { $expiry }. Si no la esperaba, puede ignorar este correo.
