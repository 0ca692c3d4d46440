/**
 * Real-looking stacks from the platforms flight apps run on, each salted with the personal data that
 * turns up in real crash reports. Test-only. `mustNotContain` lists what scrubbing must remove,
 * `appFrames` the function names it must keep (in order), `dropped` library frames it must drop.
 */
export interface StackSample {
  name: string;
  stack: string;
  mustNotContain: string[];
  appFrames: string[];
  dropped: string[];
}

export const STACK_SAMPLES: StackSample[] = [
  {
    name: 'Android Java, with Caused by, e-mail in a path and a DJI serial',
    stack: `java.lang.IllegalStateException: Could not open /storage/emulated/0/Android/data/com.dronemaker.fly/files/hans.mueller@example.com.txt
\tat com.dronemaker.fly.logs.LogStore.open(LogStore.java:88)
\tat com.dronemaker.fly.logs.LogSyncWorker.doWork(LogSyncWorker.java:42)
\tat androidx.work.Worker$1.run(Worker.java:86)
\tat java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1167)
\tat java.base/java.lang.Thread.run(Thread.java:1012)
Caused by: java.io.FileNotFoundException: /data/user/0/com.dronemaker.fly/files/1581F4XFC2B9S00D00XY.log: open failed: ENOENT
\tat libcore.io.IoBridge.open(IoBridge.java:574)
\tat com.dronemaker.fly.logs.LogStore.open(LogStore.java:80)
\t... 12 more`,
    mustNotContain: ['hans', 'example.com', '@', '1581F4XFC2B9S00D00XY', '/storage', '/data/user', 'ENOENT'],
    appFrames: ['com.dronemaker.fly.logs.LogStore.open', 'com.dronemaker.fly.logs.LogSyncWorker.doWork'],
    dropped: ['androidx.work', 'ThreadPoolExecutor', 'Thread.run', 'IoBridge'],
  },
  {
    name: 'Android Kotlin coroutine through the DJI SDK, coordinates and a bearer token in the message',
    stack: `kotlinx.coroutines.TimeoutCancellationException: Timed out at 47.4582, 8.5492 calling https://api.dronefly.example/v1/zones?lat=47.4582&lon=8.5492 with Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwaWxvdC00MiJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ
\tat kotlinx.coroutines.TimeoutKt.TimeoutCancellationException(Timeout.kt:184)
\tat com.dronemaker.fly.airspace.ZoneRepository$fetch$2.invokeSuspend(ZoneRepository.kt:57)
\tat dji.v5.manager.aircraft.FlightControllerManager.getLocation(SourceFile:12)
\tat kotlin.coroutines.jvm.internal.BaseContinuationImpl.resumeWith(ContinuationImpl.kt:33)
\tat com.dronemaker.fly.airspace.AirspaceViewModel.refresh(AirspaceViewModel.kt:31)
\tat android.os.Handler.handleCallback(Handler.java:958)
\tat android.os.Looper.loop(Looper.java:294)`,
    mustNotContain: ['47.4582', '8.5492', 'eyJ', 'Bearer', 'api.dronefly.example', 'lat='],
    appFrames: [
      'com.dronemaker.fly.airspace.ZoneRepository$fetch$2.invokeSuspend',
      'com.dronemaker.fly.airspace.AirspaceViewModel.refresh',
    ],
    dropped: ['TimeoutKt', 'FlightControllerManager', 'BaseContinuationImpl', 'Handler', 'Looper'],
  },
  {
    name: 'iOS crash report (symbolicated), with device UUID and system frames',
    stack: `Incident Identifier: 6E2F1A3B-4C5D-4E6F-8A9B-0C1D2E3F4A5B
Hardware Model:      iPhone15,2
Path:                /private/var/containers/Bundle/Application/0A1B2C3D-1111-2222-3333-444455556666/DroneFly.app/DroneFly
Exception Type:  EXC_CRASH (SIGABRT)
Thread 0 Crashed:
0   libsystem_kernel.dylib        \t0x00000001e2b4a1f4 __pthread_kill + 8
1   libswiftCore.dylib            \t0x00000001a1b2c3d4 _assertionFailure(_:_:file:line:flags:) + 312
2   DroneFly                      \t0x0000000102f4a2c8 FlightViewController.takeOff(altitude:) + 228 (FlightViewController.swift:88)
3   DroneFly                      \t0x0000000102f4b100 closure #1 in FlightViewController.viewDidLoad() + 64 (FlightViewController.swift:41)
4   UIKitCore                     \t0x00000001a2b3c4d5 -[UIViewController loadViewIfRequired] + 1000
5   CoreFoundation                \t0x00000001a0b1c2d3 __CFRUNLOOP_IS_CALLING_OUT_TO_A_BLOCK__ + 28`,
    mustNotContain: ['6E2F1A3B', '0A1B2C3D', '/private', '0x0000000102f4a2c8', 'Incident'],
    appFrames: [
      'FlightViewController.takeOff(altitude:)',
      'closure #1 in FlightViewController.viewDidLoad()',
    ],
    dropped: ['__pthread_kill', '_assertionFailure', 'loadViewIfRequired', '__CFRUNLOOP'],
  },
  {
    name: 'Swift runtime backtrace with the developer home directory',
    stack: `Fatal error: Unexpectedly found nil while unwrapping an Optional value for pilot anna.schmidt@example.de
0      0x0000000100003f4c FlightController.arm() in DroneFly at /Users/anna/dev/DroneFly/Sources/FlightController.swift:42:7
1      0x0000000100004a10 MissionRunner.start(_:) in DroneFly at /Users/anna/dev/DroneFly/Sources/MissionRunner.swift:18:5
2      0x00000001a1b2c3d4 swift_task_switch in libswift_Concurrency.dylib`,
    mustNotContain: ['anna', '/Users', 'example.de', 'Optional value'],
    appFrames: ['FlightController.arm()', 'MissionRunner.start(_:)'],
    dropped: ['swift_task_switch'],
  },
  {
    name: 'React Native release (Hermes) with e-mail and serial in the message',
    stack: `Error: Upload failed for pilot jane.doe@example.org (aircraft 1581F4XFC2B9S00D00XY, phone +41 79 123 45 67)
    at uploadLog (address at index.android.bundle:1:482913)
    at anonymous (address at index.android.bundle:1:99121)
    at tryCallOne (address at InternalBytecode.js:1:1180)
    at apply (native)`,
    mustNotContain: ['jane', 'example.org', '1581F4X', '+41', '79 123'],
    appFrames: ['uploadLog', 'anonymous'],
    dropped: ['tryCallOne', 'apply'],
  },
  {
    name: 'React Native development (Metro) with the LAN address and node_modules frames',
    stack: `TypeError: undefined is not an object (evaluating 'zone.geometry.coordinates')
    at fetchZones (http://10.0.2.2:8081/index.bundle?platform=android&dev=true&minify=false&app=com.dronefly:123:45)
    at MapScreen (http://10.0.2.2:8081/index.bundle?platform=android&dev=true:456:12)
    at renderWithHooks (http://10.0.2.2:8081/node_modules/react-native/Libraries/Renderer/implementations/ReactFabric-dev.js:1:2)`,
    mustNotContain: ['10.0.2.2', '8081', 'platform=android', 'coordinates'],
    appFrames: ['fetchZones', 'MapScreen'],
    dropped: ['renderWithHooks'],
  },
  {
    name: 'Chrome with a file:// home directory, a JWT and coordinates in the message',
    stack: `TypeError: Cannot read properties of undefined (reading 'lat') at 47.4582, 8.5492 token=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwaWxvdC0xMjMifQ.sflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c
    at renderZones (file:///Users/alice/Projects/dronefly/dist/map.js:120:17)
    at Array.forEach (<anonymous>)
    at MapView.draw (https://app.dronefly.example/static/js/main.3f2a9c1b7d6e5f40.js?session=9f8e7d6c5b4a39281706f5e4d3c2b1a0:1:23456)
    at Object.dispatch (file:///C:/Users/carol/AppData/Local/dronefly/node_modules/react-dom/cjs/react-dom.development.js:100:5)`,
    mustNotContain: ['alice', 'carol', '/Users', 'file://', 'eyJ', '47.4582', 'session', '3f2a9c1b7d6e5f40'],
    appFrames: ['renderZones', 'MapView.draw'],
    dropped: ['Array.forEach', 'Object.dispatch'],
  },
  {
    name: 'Firefox with a Linux home directory and an extension frame',
    stack: `renderZones@file:///home/bob/dronefly/map.js:120:17
MapView.prototype.draw@moz-extension://0a1b2c3d-4e5f-6789-abcd-ef0123456789/content.js:1:2
onClick/<@http://[fe80::1ff:fe23:4567:890a]:8080/app.js:5:9`,
    mustNotContain: ['bob', '/home', 'fe80', 'moz-extension', '0a1b2c3d'],
    appFrames: ['renderZones', 'onClick/<'],
    dropped: ['MapView.prototype.draw'],
  },
  {
    name: 'Safari with native code frames and an IP in the message',
    stack: `NetworkError: Load failed for 203.0.113.77 and 2001:db8:85a3::8a2e:370:7334
syncLogs@https://app.dronefly.example/static/js/main.js:1:2345
forEach@[native code]
global code@https://app.dronefly.example/static/js/main.js:1:99`,
    mustNotContain: ['203.0.113.77', '2001:db8', 'Load failed'],
    appFrames: ['syncLogs', 'global code'],
    dropped: ['forEach'],
  },
  {
    name: 'Electron on Windows with a user profile path and node internals',
    stack: `Error: EPERM: operation not permitted, open 'C:\\Users\\Carol Smith\\Documents\\DroneFly\\flights\\2026-05-01 Zurich.ulg'
    at Object.readLog (C:\\Users\\Carol Smith\\AppData\\Local\\Programs\\dronefly\\resources\\app\\log-reader.js:10:5)
    at async Promise.all (index 0)
    at async importFlights (C:\\Users\\Carol Smith\\AppData\\Local\\Programs\\dronefly\\resources\\app\\import.js:33:9)
    at async open (node:internal/fs/promises:639:25)`,
    mustNotContain: ['Carol', 'Smith', 'Zurich', 'C:\\', 'Documents', 'EPERM'],
    appFrames: ['Object.readLog', 'importFlights'],
    dropped: ['Promise.all', 'open'],
  },
  {
    name: 'Flutter (Dart) with package frames',
    stack: `FormatException: Invalid serial SN 3N3BH8K00100F7 at 47°27'29.5"N 8°32'57.1"E
#0      FlightLog.parse (package:dronefly/flight_log.dart:42:7)
#1      LogImporter.run (package:dronefly/log_importer.dart:17:12)
#2      _rootRun (dart:async/zone.dart:1399:13)
#3      Element.rebuild (package:flutter/src/widgets/framework.dart:4503:5)`,
    mustNotContain: ['3N3BH8K00100F7', '47°', '8°32', 'Invalid serial'],
    appFrames: ['FlightLog.parse', 'LogImporter.run'],
    dropped: ['_rootRun', 'Element.rebuild'],
  },
  {
    name: 'Android content:// URI and DMS coordinates in the message',
    stack: `java.io.FileNotFoundException: content://com.android.providers.media.documents/document/image%3A1234 taken at 47°27'29.5"N 8°32'57.1"E by pilot@example.com
\tat android.content.ContentResolver.openInputStream(ContentResolver.java:1520)
\tat com.dronemaker.fly.media.ShareActivity.onShare(ShareActivity.kt:77)`,
    mustNotContain: ['content://', 'image%3A1234', '47°', 'pilot@', 'example.com'],
    appFrames: ['com.dronemaker.fly.media.ShareActivity.onShare'],
    dropped: ['ContentResolver'],
  },
];
