// Links and buttons a staff member's roles open, and no others: the server refuses the rest (403), so a link there
// would lead to an empty page. Elements name the roles that open them in data-roles (any one of them).

/** Hides every [data-roles] element whose roles the signed-in staff member has none of. */
export function showNavFor(roles) {
  for (const el of document.querySelectorAll('[data-roles]')) {
    const wanted = el.dataset.roles.split(/\s+/).filter(Boolean);
    el.hidden = !wanted.some((r) => roles.includes(r));
  }
}
