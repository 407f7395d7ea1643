// Who the app is to the OS. electron-builder.yml repeats these (a test keeps them equal): the
// Windows AppUserModelId must match the installer's appId or toasts are not attributed to us.
export const APP_ID = 'com.missiontray.app';
export const PRODUCT_NAME = 'Mission Tray';
