/**
 * The site's stylesheet (`src/sites/<site>.css`, injected before the page is parsed) keeps the
 * comments out of sight until <html> carries `tn-ready`; this lets them show, once the thread's
 * folds are known to be none or are applied.
 */
export function releaseComments(): void {
  document.documentElement.classList.add('tn-ready');
}
