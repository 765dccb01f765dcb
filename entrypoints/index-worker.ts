/**
 * The search index's worker: indexes one range of a rebuild off the page's thread (utils/search/index/
 * rebuild-worker.ts). Started by the page rebuilding the index, never by a web page (not web accessible).
 */
import { serveRanges } from '@/utils/search/index/rebuild-worker';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

export default defineUnlistedScript(() => serveRanges(self));
