// The page's few DOM shortcuts, imported by every view instead of each defining its own: `$` (an
// element by its id) and `setFieldError` (a form field's inline error). Deliberately nothing
// else: no element builders, no state, no knowledge of any step; pure logic lives in lib/.

/** The element with this id (null when there is none). */
export const $ = (id) => document.getElementById(id);

/**
 * Shows or clears the inline error of a form field: the message in `#<id>-error` (which the field
 * names in aria-describedby) and `aria-invalid` on the field. Returns whether it is valid.
 */
export function setFieldError(input, message) {
  const error = document.getElementById(`${input.id}-error`);
  error.textContent = message ?? '';
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  return !message;
}
