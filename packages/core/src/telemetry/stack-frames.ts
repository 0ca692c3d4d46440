/*
 * Parses one line of a stack trace in the formats flight apps produce: V8 (Chrome, Node, React
 * Native/Hermes), Firefox/Safari (`fn@url:line:col`), Java/Kotlin (Android), Apple crash reports and
 * Swift backtraces (iOS), and Dart (Flutter). Only what a frame needs survives: the function name,
 * the source file's base name, line and column, and for native reports the binary's module name.
 */

/**
 * One frame of a stack trace, reduced to what may be sent: function, file base name, line and column,
 * and for native frames the binary's name.
 *
 * @example
 * const frame: StackFrame | null = parseStackFrame('    at MapController.render(MapController.kt:42)');
 * // { fn: 'MapController.render', file: 'MapController.kt', line: 42, location: 'MapController.kt:42' }
 */
export interface StackFrame {
  fn: string;
  /** Base name of the source file ('MapController.kt'), never a directory. */
  file?: string;
  line?: number;
  column?: number;
  /** The binary a native frame ran in ('MyApp', 'UIKitCore'). */
  module?: string;
  /** Raw location, used only to tell library and native frames from app frames. */
  location: string;
}

const JAVA = /^\s*at\s+([^\s(]+)\(([^()]*)\)\s*$/;
const V8 = /^\s*at\s+(?:async\s+)?(?:(.+?)\s+\((.*)\)|(\S+))\s*$/;
// Safari names top-level frames "global code" / "eval code", hence one optional space.
const GECKO = /^\s*([^\s@:]*(?: [^\s@:]+)?)@(\S*?:\d+(?::\d+)?)\s*$/;
const APPLE = /^\s*\d+\s+(\S+)\s+0x[0-9a-fA-F]+\s+(.*?)(?:\s+\+\s+\d+)?(?:\s+\(([^()]*:\d+(?::\d+)?)\))?\s*$/;
const SWIFT = /^\s*\d+\s+(?:\[\w+\]\s+)?0x[0-9a-fA-F]+\s+(.+?)\s+in\s+(\S+)(?:\s+at\s+(.+))?\s*$/;
const DART = /^\s*#\d+\s+(.+?)\s+\((.*)\)\s*$/;
const LOCATION = /^(.*?):(\d+)(?::(\d+))?$/;

/** The base name of a location's file part: the last segment of a path or URL, no query or hash. */
function splitLocation(raw: string): Pick<StackFrame, 'file' | 'line' | 'column'> {
  const location = raw.replace(/^address at\s+/, '').trim();
  const m = LOCATION.exec(location);
  const path = (m ? m[1] : location).replace(/[?#].*$/, '');
  const base = path.split(/[/\\]/).pop() ?? '';
  return {
    file: base || undefined,
    line: m ? Number(m[2]) : undefined,
    column: m?.[3] ? Number(m[3]) : undefined,
  };
}

/**
 * One frame, or null when the line is not a frame (a message, "Caused by:", "... 12 more").
 *
 * @example
 * parseStackFrame('    at openMap (file:///Users/alice/app/main.js:10:5)');
 * // { fn: 'openMap', file: 'main.js', line: 10, column: 5, location: 'file:///Users/alice/app/main.js:10:5' }
 */
export function parseStackFrame(line: string): StackFrame | null {
  let m = JAVA.exec(line);
  if (m) {
    // Drop the Java 9+ module/class-loader prefix ("java.base/", "app//").
    const fn = m[1].replace(/^.*\//, '');
    return { fn, location: m[2], ...splitLocation(m[2]) };
  }
  m = V8.exec(line);
  if (m) {
    const location = m[2] ?? m[3];
    return { fn: m[1] ?? '<anonymous>', location, ...splitLocation(location) };
  }
  m = SWIFT.exec(line);
  if (m) return { fn: m[1], module: m[2], location: m[3] ?? m[2], ...(m[3] ? splitLocation(m[3]) : {}) };
  m = APPLE.exec(line);
  if (m) return { fn: m[2], module: m[1], location: m[3] ?? m[1], ...(m[3] ? splitLocation(m[3]) : {}) };
  m = DART.exec(line);
  if (m) return { fn: m[1], location: m[2], ...splitLocation(m[2]) };
  m = GECKO.exec(line);
  if (m) return { fn: m[1] || '<anonymous>', location: m[2], ...splitLocation(m[2]) };
  return null;
}

// Platform and library code: not the app's, and full of paths that say which libraries a user has.
const LIBRARY_FUNCTION =
  /^(?:java|javax|jdk|sun|kotlin|kotlinx|android|androidx|com\.android|dalvik|libcore|com\.google|org\.jetbrains|okhttp3|okio|retrofit2|io\.reactivex|rx|org\.chromium|com\.facebook\.react|com\.facebook\.hermes|com\.swmansion|dji|com\.dji)\./;
const LIBRARY_LOCATION =
  /node_modules|[/\\]vendor[/\\]|^native$|^<anonymous>$|^\[native code\]$|^Native Method$|^node:|^internal[/\\]|^index \d+$|webpack[/\\]bootstrap|-extension:\/\/|^dart:|^package:flutter\/|InternalBytecode\.js/;
const SYSTEM_MODULE =
  /^(?:lib\S+\.dylib|UIKit\S*|Foundation|CoreFoundation|GraphicsServices|dyld|Core\w+|AVF\w*|Metal\w*|QuartzCore|Security|CFNetwork|SwiftUI|Combine|MapKit|WebKit|JavaScriptCore|hermes|React\w*|FrontBoardServices|BaseBoard|RunningBoardServices|\?\?\?)$/;

/**
 * Whether a frame is the app's own code (kept) rather than platform, library or native code.
 *
 * @example
 * const own = stack.split('\n').map(parseStackFrame).filter((f) => f !== null && isAppFrame(f));
 */
export function isAppFrame(f: StackFrame): boolean {
  if (LIBRARY_FUNCTION.test(f.fn)) return false;
  if (f.module && SYSTEM_MODULE.test(f.module)) return false;
  if (!f.module && LIBRARY_LOCATION.test(f.location.trim())) return false;
  // Objective-C system selectors on iOS ("-[UIViewController loadViewIfRequired]") are not app code.
  if (/^[-+]\[(?:UI|NS|CA|CF|AV|MK|WK)\w+ /.test(f.fn)) return false;
  return true;
}
