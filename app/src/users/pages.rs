//! The Users section of a client's Summary (staff side): the client's users with their
//! permissions and last login, open invitations, the invitation form, and "log in as client".
//! Also the permission checkboxes the Client Area's own users page shares. Every form is a plain
//! post.

use leptos::prelude::*;
use server_fn::ServerFn;

use super::api::{
    CancelClientUserInvitation, InviteClientUser, LogInAsClient, MakeClientOwner, RemoveClientUser,
    ResendClientUserInvitation, SetClientUserPermissions, get_client_users,
};
use super::model::{PendingUserInvitation, UserRow, UsersSection, box_name};
use crate::kernel::ClientPermission;
use crate::kernel::i18n::t;
use crate::kernel::ui::form::{FormAlert, submit_error};

/// One checkbox per permission; `prefix` keeps ids unique when several forms are on a page.
#[component]
pub fn PermissionChecks(
    prefix: String,
    chosen: Vec<ClientPermission>,
    #[prop(optional)] legend: Option<String>,
) -> impl IntoView {
    view! {
        <fieldset class="field permission-checks">
            <legend>{legend.unwrap_or_else(|| t("users-permissions"))}</legend>
            {ClientPermission::ALL.into_iter().map(|p| {
                let id = format!("{prefix}-{}", p.key());
                view! {
                    <span class="checkbox-field inline">
                        <input type="checkbox" id=id.clone() name=box_name(p) value="on" checked=chosen.contains(&p)/>
                        <label for=id>{p.label()}</label>
                    </span>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The permissions of a user or invitation, as words.
pub fn permission_words(owner: bool, permissions: &[ClientPermission]) -> String {
    if owner {
        return t("users-owner-all");
    }
    permissions
        .iter()
        .map(|p| p.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where a Users card's forms post: the staff side's server functions (which name the client in
/// a hidden field), or the Client Area's (whose client is the session's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserActions {
    pub invite: &'static str,
    pub set_permissions: &'static str,
    pub remove: &'static str,
    pub resend: &'static str,
    pub cancel: &'static str,
    pub make_owner: Option<&'static str>,
    pub log_in_as: Option<&'static str>,
    /// Each form carries `client_id`.
    pub name_client: bool,
}

impl UserActions {
    pub fn staff() -> Self {
        Self {
            invite: InviteClientUser::PATH,
            set_permissions: SetClientUserPermissions::PATH,
            remove: RemoveClientUser::PATH,
            resend: ResendClientUserInvitation::PATH,
            cancel: CancelClientUserInvitation::PATH,
            make_owner: Some(MakeClientOwner::PATH),
            log_in_as: Some(LogInAsClient::PATH),
            name_client: true,
        }
    }
}

/// The Users section of the Summary, loaded on its own.
#[component]
pub fn ClientUsers(client_id: i32) -> impl IntoView {
    let data = Resource::new_blocking(move || client_id.to_string(), get_client_users);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                data.await.ok().map(|section| {
                    let error = submit_error::<InviteClientUser>()
                        .or_else(submit_error::<SetClientUserPermissions>)
                        .or_else(submit_error::<RemoveClientUser>)
                        .or_else(submit_error::<MakeClientOwner>)
                        .or_else(submit_error::<ResendClientUserInvitation>)
                        .or_else(submit_error::<CancelClientUserInvitation>)
                        .or_else(submit_error::<LogInAsClient>);
                    view! { <UsersCard section actions=UserActions::staff() error/> }
                })
            })}
        </Suspense>
    }
}

/// A hidden `client_id` field when the actions name the client.
fn client_field(actions: UserActions, client_id: i32) -> impl IntoView {
    actions
        .name_client
        .then(|| view! { <input type="hidden" name="client_id" value=client_id/> })
}

/// A client's users and invitations with the forms to manage them.
#[component]
pub fn UsersCard(
    section: UsersSection,
    actions: UserActions,
    error: Option<crate::kernel::AppError>,
) -> impl IntoView {
    let UsersSection {
        client_id,
        users,
        pending,
        can_manage,
        can_log_in_as,
        has_owner,
    } = section;
    view! {
        <section class="card" id="users" aria-labelledby="users-heading">
            <div class="page-head">
                <h2 id="users-heading">{t("users-title")}</h2>
                {actions.log_in_as.filter(|_| can_log_in_as).map(|path| view! {
                    <form method="post" action=path target="_blank">
                        <input type="hidden" name="client_id" value=client_id/>
                        <button type="submit" class="button small-button">{t("users-log-in-as")}</button>
                    </form>
                })}
            </div>
            <FormAlert error=error/>
            {(!has_owner).then(|| view! { <p class="muted">{t("users-no-owner")}</p> })}
            {if users.is_empty() {
                view! { <p class="empty">{t("users-none")}</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <thead><tr>
                            <th scope="col">{t("users-col-name")}</th>
                            <th scope="col">{t("users-col-permissions")}</th>
                            <th scope="col">{t("users-col-last-login")}</th>
                        </tr></thead>
                        <tbody>{users.into_iter().map(|u| view! { <UserLine user=u client_id can_manage actions/> }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
            {(!pending.is_empty()).then(|| view! {
                <h3>{t("users-pending")}</h3>
                <table class="table">
                    <thead><tr>
                        <th scope="col">{t("users-col-email")}</th>
                        <th scope="col">{t("users-col-permissions")}</th>
                        <th scope="col">{t("users-col-expires")}</th>
                        {can_manage.then(|| view! { <th scope="col"><span class="visually-hidden">{t("users-col-actions")}</span></th> })}
                    </tr></thead>
                    <tbody>{pending.into_iter().map(|i| view! { <PendingLine invitation=i client_id can_manage actions/> }).collect_view()}</tbody>
                </table>
            })}
            {can_manage.then(|| view! {
                <h3>{t("users-invite")}</h3>
                <form method="post" action=actions.invite class="stacked">
                    {client_field(actions, client_id)}
                    <div class="field">
                        <label for="invite-user-email">{t("users-field-email")}</label>
                        <input type="email" id="invite-user-email" name="email" required maxlength="254" autocomplete="off"/>
                    </div>
                    <PermissionChecks prefix="invite-perm".to_owned() chosen=vec![ClientPermission::Tickets]/>
                    <button type="submit" class="button primary">{t("users-send-invitation")}</button>
                </form>
            })}
        </section>
    }
}

#[component]
fn UserLine(
    user: UserRow,
    client_id: i32,
    can_manage: bool,
    actions: UserActions,
) -> impl IntoView {
    let words = permission_words(user.owner, &user.permissions);
    let editable = can_manage && !user.owner;
    let prefix = format!("user-{}-perm", user.user_id);
    view! {
        <tr>
            <td>
                {user.name.clone()}
                {user.owner.then(|| view! { " " <span class="badge">{t("users-owner")}</span> })}
                <br/><span class="muted">{user.email.clone()}</span>
            </td>
            <td>
                {if editable {
                    view! {
                        <details>
                            <summary>{words}</summary>
                            <form method="post" action=actions.set_permissions>
                                {client_field(actions, client_id)}
                                <input type="hidden" name="user_id" value=user.user_id/>
                                <input type="hidden" name="version" value=user.version/>
                                <PermissionChecks prefix chosen=user.permissions.clone()/>
                                <button type="submit" class="button small-button">{t("users-save-permissions")}</button>
                            </form>
                            {actions.make_owner.map(|path| view! {
                                <form method="post" action=path class="inline-form">
                                    <input type="hidden" name="client_id" value=client_id/>
                                    <input type="hidden" name="user_id" value=user.user_id/>
                                    <button type="submit" class="button small-button">{t("users-make-owner")}</button>
                                </form>
                            })}
                            <form method="post" action=actions.remove class="inline-form">
                                {client_field(actions, client_id)}
                                <input type="hidden" name="user_id" value=user.user_id/>
                                <input type="hidden" name="version" value=user.version/>
                                <button type="submit" class="button small-button">{t("users-remove")}</button>
                            </form>
                        </details>
                    }.into_any()
                } else {
                    view! { <span>{words}</span> }.into_any()
                }}
            </td>
            <td>{user.last_login.clone().unwrap_or_else(|| t("users-never"))}</td>
        </tr>
    }
}

#[component]
fn PendingLine(
    invitation: PendingUserInvitation,
    client_id: i32,
    can_manage: bool,
    actions: UserActions,
) -> impl IntoView {
    let expires = if invitation.expired {
        t("users-expired")
    } else {
        invitation.expires.clone()
    };
    view! {
        <tr>
            <td>{invitation.email.clone()}<br/><span class="muted">{invitation.invited_by.clone()}</span></td>
            <td>{permission_words(false, &invitation.permissions)}</td>
            <td>{expires}</td>
            {can_manage.then(|| view! {
                <td class="actions">
                    <form method="post" action=actions.resend class="inline-form">
                        {client_field(actions, client_id)}
                        <input type="hidden" name="invitation_id" value=invitation.id/>
                        <button type="submit" class="button small-button">{t("users-resend")}</button>
                    </form>
                    <form method="post" action=actions.cancel class="inline-form">
                        {client_field(actions, client_id)}
                        <input type="hidden" name="invitation_id" value=invitation.id/>
                        <button type="submit" class="button small-button">{t("users-cancel")}</button>
                    </form>
                </td>
            })}
        </tr>
    }
}
