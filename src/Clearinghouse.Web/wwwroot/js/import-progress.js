// Import job page (/directory/import/{id}, /activities/import/{id}, /statistics/import/{id}): polls the job's status every second and updates the page in
// place; reloads once the import has finished, so the server renders the outcome (success panel or error table).
// Without JavaScript the page's <noscript> meta refresh reloads it instead.
const root = document.getElementById('import-status')
const url = root?.dataset.statusUrl

if (root && url) {
  const stage = document.getElementById('import-stage')
  const count = document.getElementById('import-count')
  const bar = document.getElementById('import-progress')

  const tick = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      if (response.status === 404) {
        // The job is gone (the server restarted or forgot it): let the page say so.
        window.location.reload()
        return
      }
      if (response.ok) {
        const status = await response.json()
        if (status.finished) {
          window.location.reload()
          return
        }
        stage.textContent = status.stageText
        count.textContent = status.rowsText
        if (status.rowsTotal > 0) {
          bar.max = status.rowsTotal
          bar.value = status.rowsDone
        } else {
          // The total is not known yet (a data set is read in one pass): an indeterminate bar.
          bar.removeAttribute('value')
        }
      }
    } catch (error) {
      // A failed poll (network blip, server restart) is retried on the next tick.
      console.debug('import status poll failed', error)
    }
    window.setTimeout(tick, 1000)
  }

  window.setTimeout(tick, 1000)
}
