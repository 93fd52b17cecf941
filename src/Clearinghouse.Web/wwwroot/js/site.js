// Clearinghouse site script (ES module; load with <script type="module">).
import { initAll } from '/lib/govuk-frontend/govuk-frontend.min.js'

// GOV.UK Frontend only initialises when <body> has `govuk-frontend-supported`.
// Upstream adds it with an inline <script> in <body>; we add it here (browsers
// that run ES modules are exactly the supported ones) so no inline script or
// CSP nonce is needed.
document.body.classList.add('govuk-frontend-supported')
initAll()

// Filters: submit the form when a checkbox or radio changes (not selects: arrowing
// through a closed select fires change, WCAG 3.2.2). The submit button
// stays for users without JS; focus goes back to the changed control after reload.
const filters = document.getElementById('directory-filters')
if (filters) {
  const key = 'directory-filters-focus'
  try {
    const id = sessionStorage.getItem(key)
    sessionStorage.removeItem(key)
    if (id) document.getElementById(id)?.focus()
  } catch { /* storage unavailable */ }

  filters.addEventListener('change', (event) => {
    const el = event.target
    if (!el.matches('input[type="checkbox"], input[type="radio"]')) return
    try { if (el.id) sessionStorage.setItem(key, el.id) } catch { /* ignore */ }
    if (filters.requestSubmit) filters.requestSubmit()
    else filters.submit()
  })
}
