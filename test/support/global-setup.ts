import { createTemporaryRoot } from './temporary-directories';

export default createTemporaryRoot;
