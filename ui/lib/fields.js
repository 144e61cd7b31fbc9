// Shows or clears the inline error of a form field: the message in `#<id>-error` (which the
// field names in aria-describedby) and `aria-invalid` on the field. Returns whether it is valid.

export function setFieldError(input, message) {
  const error = document.getElementById(`${input.id}-error`);
  error.textContent = message ?? '';
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  return !message;
}
