import { removeTemporaryRoot } from './temporary-directories';

export default removeTemporaryRoot;
